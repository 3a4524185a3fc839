// PAT Cronograma on Azure, for `azd up`: a Flex Consumption Function App (Node 22) that serves the
// API, the `scheduledExports` and `scheduledBackups` timers, the task pane and the dashboard; one
// storage account (our tables, the `exports` and `backups` containers, the host's storage and the
// deployment package; blob versioning and soft delete on), reached only with a user-assigned
// managed identity; Application Insights over Log Analytics.
// Follows Azure-Samples/functions-quickstart-typescript-azd (and its -timer variant): same
// modules, names, tags and outputs; without its optional virtual network (VNET_ENABLED), because
// administrators run `pat` against the storage account from their own machines.
// Not compiled on our machines (no Bicep CLI there): see the README, «Desplegar en Azure».
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the the environment which is used to generate a short unique hash used in all resources.')
param environmentName string

@minLength(1)
@description('Primary location for all resources & Flex Consumption Function App')
@allowed([
  'australiaeast'
  'australiasoutheast'
  'brazilsouth'
  'canadacentral'
  'centralindia'
  'centralus'
  'eastasia'
  'eastus'
  'eastus2'
  'eastus2euap'
  'francecentral'
  'germanywestcentral'
  'italynorth'
  'japaneast'
  'koreacentral'
  'northcentralus'
  'northeurope'
  'norwayeast'
  'southafricanorth'
  'southcentralus'
  'southeastasia'
  'southindia'
  'spaincentral'
  'swedencentral'
  'uaenorth'
  'uksouth'
  'ukwest'
  'westcentralus'
  'westeurope'
  'westus'
  'westus2'
  'westus3'
])
@metadata({
  azd: {
    type: 'location'
  }
})
param location string
param apiServiceName string = ''
param apiUserAssignedIdentityName string = ''
param applicationInsightsName string = ''
param appServicePlanName string = ''
param logAnalyticsName string = ''
param resourceGroupName string = ''
param storageAccountName string = ''
@description('Id of the user identity to be used for testing and debugging. This is not required in production. Leave empty if not needed.')
param principalId string = deployer().objectId

// Our settings (azd env values PAT_*, see main.parameters.json). azd passes an env value that is
// not set as '' to a string parameter whose default is not empty; the app reads '' as unset and
// applies the same default (backend/settings.ts), so both paths give the same setting.
@description('PAT_EXPORT_SCHEDULE: when scheduledExports runs, NCRONTAB with seconds, in UTC (12:00 UTC = 06:00 in Mexico City).')
param exportSchedule string = '0 0 12 * * *'
@description('PAT_EXPORT_RETENTION_DAYS: export sets older than this are deleted.')
@minValue(1)
@maxValue(3650)
param exportRetentionDays int = 90
@description('PAT_REPORT_DAYS_BEFORE: the session report joins the exports this many days before an ordinary session.')
@minValue(0)
@maxValue(60)
param reportDaysBefore int = 7
@description('PAT_BACKUP_SCHEDULE: when scheduledBackups runs, NCRONTAB with seconds, in UTC (11:30 UTC = 05:30 in Mexico City, before the exports).')
param backupSchedule string = '0 30 11 * * *'
@description('PAT_BACKUP_RETENTION_DAYS: backup runs older than this are deleted (the newest complete run is always kept).')
@minValue(1)
@maxValue(3650)
param backupRetentionDays int = 35
@description('PAT_REMINDER_SCHEDULE: when sendReminders runs, NCRONTAB with seconds, in UTC (14:00 UTC Monday to Friday = 08:00 in Mexico City).')
param reminderSchedule string = '0 0 14 * * 1-5'
@description('PAT_REMINDER_DAYS_BEFORE: days before each ordinary session when its reminders go out.')
@minValue(1)
@maxValue(60)
param reminderDaysBefore int = 7
@description('PAT_MAIL_SENDER: the mailbox reminders are sent from through Microsoft Graph (its address); empty = no reminders are sent. See the README: Mail.Send and the Exchange application access policy.')
param mailSender string = ''
@description('Days a deleted blob or container (exports, backups) can be recovered (blob and container soft delete).')
@minValue(1)
@maxValue(365)
param blobSoftDeleteDays int = 14
@description('Days a previous version of a blob (overwritten or deleted) is kept before the lifecycle rule deletes it.')
@minValue(1)
@maxValue(3650)
param blobVersionDays int = 35
@description('PAT_STORAGE_TIMEOUT_MS: after this, storage counts as unavailable (503).')
@minValue(100)
@maxValue(120000)
param storageTimeoutMs int = 5000
@description('PAT_AUTH_TENANT_ID: the Entra tenant (directory) id; with PAT_AUTH_CLIENT_ID (both or neither).')
param authTenantId string = ''
@description('PAT_AUTH_CLIENT_ID: client id of the app registration; with PAT_AUTH_TENANT_ID (both or neither).')
param authClientId string = ''
@description('PAT_AUTH_APP_ID_URI: only when the Application ID URI is not api://{client-id}.')
param authAppIdUri string = ''
@description('PAT_AUTH_ISSUER, PAT_AUTH_JWKS_URI, PAT_AUTH_AUTHORITY: overrides for sovereign clouds; empty = derived from the tenant.')
param authIssuer string = ''
param authJwksUri string = ''
param authAuthority string = ''
@description('PAT_AUTH_APP_SERVICE: true only once App Service authentication is on for this app (the x-ms-client-principal header is then believed).')
param authAppService string = 'false' // no @allowed: azd passes an unset value as '', which the app reads as false; it refuses anything else but 'true'/'false'
@description('PAT_PUBLIC_URL: public origin of the app, without a trailing slash (a custom domain); empty = https://{function app}.azurewebsites.net.')
param publicUrl string = ''
@description('Extra origins allowed by CORS, comma-separated (https://…); the own origin of the app is always allowed.')
param extraCorsOrigins string = ''

var abbrs = loadJsonContent('./abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var functionAppName = !empty(apiServiceName) ? apiServiceName : '${abbrs.webSitesFunctions}api-${resourceToken}'
var deploymentStorageContainerName = 'app-package-${take(functionAppName, 32)}-${take(toLower(uniqueString(functionAppName, resourceToken)), 7)}'
// The app's default host name (public Azure); the pane, the dashboard and the API are all on it.
var appOrigin = 'https://${functionAppName}.azurewebsites.net'
var patPublicUrl = !empty(publicUrl) ? publicUrl : appOrigin

// Every setting our code reads (backend/settings.ts, settingsSchema), one per line, checked by
// tests/infra/app-settings.test.ts. Empty values count as unset (the app's defaults apply).
var patAppSettings = {
  PAT_STORAGE_ACCOUNT_NAME: storage.outputs.name // our tables and exports, through the managed identity (no connection string: shared keys are off)
  AZURE_CLIENT_ID: apiUserAssignedIdentity.outputs.clientId // which identity DefaultAzureCredential uses (the user-assigned one)
  PAT_STORAGE_TIMEOUT_MS: string(storageTimeoutMs) // after this, storage counts as unavailable (503)
  PAT_PUBLIC_URL: patPublicUrl // the app's origin, for URLs made outside a request (feeds)
  PAT_EXPORT_SCHEDULE: exportSchedule // NCRONTAB, UTC
  PAT_EXPORT_RETENTION_DAYS: string(exportRetentionDays) // days an export set is kept
  PAT_REPORT_DAYS_BEFORE: string(reportDaysBefore) // days before a session its report joins the exports
  PAT_BACKUP_SCHEDULE: backupSchedule // NCRONTAB, UTC
  PAT_BACKUP_RETENTION_DAYS: string(backupRetentionDays) // days a backup run is kept
  PAT_REMINDER_SCHEDULE: reminderSchedule // NCRONTAB, UTC
  PAT_REMINDER_DAYS_BEFORE: string(reminderDaysBefore) // days before a session its reminders go out
  PAT_MAIL_SENDER: mailSender // the mailbox Graph sends reminders from (empty: none sent)
  PAT_GRAPH_URL: 'https://graph.microsoft.com' // Microsoft Graph (another cloud's, where it differs)
  PAT_AUTH_TENANT_ID: authTenantId // Entra sign-in: the tenant (empty: no bearer tokens accepted)
  PAT_AUTH_CLIENT_ID: authClientId // Entra sign-in: the app registration
  PAT_AUTH_APP_ID_URI: authAppIdUri // extra token audience, when not api://{client-id}
  PAT_AUTH_ISSUER: authIssuer // override of the token issuer (empty: the tenant's v2 issuer)
  PAT_AUTH_JWKS_URI: authJwksUri // override of the signing keys' URL (empty: the tenant's)
  PAT_AUTH_AUTHORITY: authAuthority // override of where the pane signs in (empty: the tenant's)
  PAT_AUTH_APP_SERVICE: authAppService // 'true' only behind App Service authentication
}
// Not set in Azure (local only): PAT_ALLOW_DEV_PRINCIPAL, PAT_DEV_PRINCIPAL, PAT_STORAGE_CONNECTION_STRING, AzureWebJobsStorage, PAT_STORAGE_TABLE_ENDPOINT, PAT_STORAGE_BLOB_ENDPOINT, PAT_TABLE_PREFIX, PAT_WEB_ROOT, PAT_PORT, PAT_PANE_PORT, PAT_AZURITE_BLOB_PORT, PAT_AZURITE_QUEUE_PORT, PAT_AZURITE_TABLE_PORT, PAT_DATA_DIR, PAT_MAIL_OUTBOX
//   PAT_ALLOW_DEV_PRINCIPAL, PAT_DEV_PRINCIPAL: the local dev host's stand-in identity; must stay off in Azure.
//   PAT_STORAGE_CONNECTION_STRING, AzureWebJobsStorage: connection strings carry shared keys, which
//     this account refuses; the host uses the identity-based AzureWebJobsStorage__* settings (api.bicep).
//   PAT_STORAGE_TABLE_ENDPOINT, PAT_STORAGE_BLOB_ENDPOINT: for other clouds or private endpoints;
//     here PAT_STORAGE_ACCOUNT_NAME names the account and its public endpoints follow.
//   PAT_TABLE_PREFIX: keeps test runs apart in one account; each azd environment has its own account.
//   PAT_WEB_ROOT: functions/src/index.ts serves the package's own www/ folder (beside dist/).
//   PAT_MAIL_OUTBOX: the local stack's folder of .eml files; in Azure reminders go through Graph (PAT_MAIL_SENDER).

// Organize resources in a resource group
resource rg 'Microsoft.Resources/resourceGroups@2021-04-01' = {
  name: !empty(resourceGroupName) ? resourceGroupName : '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

// User assigned managed identity to be used by the function app to reach storage and other dependencies
// Assign specific roles to this identity in the RBAC module
module apiUserAssignedIdentity 'br/public:avm/res/managed-identity/user-assigned-identity:0.4.1' = {
  name: 'apiUserAssignedIdentity'
  scope: rg
  params: {
    location: location
    tags: tags
    name: !empty(apiUserAssignedIdentityName) ? apiUserAssignedIdentityName : '${abbrs.managedIdentityUserAssignedIdentities}api-${resourceToken}'
  }
}

// Create an App Service Plan to group applications under the same payment plan and SKU
module appServicePlan 'br/public:avm/res/web/serverfarm:0.1.1' = {
  name: 'appserviceplan'
  scope: rg
  params: {
    name: !empty(appServicePlanName) ? appServicePlanName : '${abbrs.webServerFarms}${resourceToken}'
    sku: {
      name: 'FC1'
      tier: 'FlexConsumption'
    }
    reserved: true
    location: location
    tags: tags
  }
}

module api './app/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: functionAppName
    location: location
    tags: tags
    applicationInsightsName: monitoring.outputs.name
    appServicePlanId: appServicePlan.outputs.resourceId
    runtimeName: 'node'
    runtimeVersion: '22'
    storageAccountName: storage.outputs.name
    enableBlob: storageEndpointConfig.enableBlob
    enableQueue: storageEndpointConfig.enableQueue
    enableTable: storageEndpointConfig.enableTable
    deploymentStorageContainerName: deploymentStorageContainerName
    identityId: apiUserAssignedIdentity.outputs.resourceId
    identityClientId: apiUserAssignedIdentity.outputs.clientId
    appSettings: patAppSettings
    // The pane and the dashboard are pages of this app, so their calls are same-origin and need
    // no CORS. The Office add-in too: Office (desktop webview or the iframe of Excel on the web)
    // loads taskpane.html from this origin, and the pane's fetches carry this origin, not
    // *.officeapps.live.com; Office.js comes from Microsoft's CDN as a script, and Nested App
    // Authentication talks to Entra through the Office host, never to this app. So only our own
    // origin(s) are listed, plus any extra origin given (a pane hosted elsewhere, a test page).
    corsAllowedOrigins: union([appOrigin, patPublicUrl], map(filter(split(extraCorsOrigins, ','), o => !empty(trim(o))), o => trim(o)))
  }
}

// Backing storage for Azure functions backend API
module storage 'br/public:avm/res/storage/storage-account:0.8.3' = {
  name: 'storage'
  scope: rg
  params: {
    name: !empty(storageAccountName) ? storageAccountName : '${abbrs.storageStorageAccounts}${resourceToken}'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false // Disable local authentication methods as per policy
    dnsEndpointType: 'Standard'
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
    blobServices: {
      // The deployment package's container (as the sample), our daily exports
      // (backend/store/export-store.ts) and our daily backups (backend/services/backup.ts); the
      // app also creates the last two when missing.
      containers: [{name: deploymentStorageContainerName}, {name: 'exports'}, {name: 'backups'}]
      // Table Storage has no point-in-time restore (hence the backups); for the blobs, Azure's
      // own protection: an overwritten or deleted blob keeps its previous version, a deleted blob
      // or version can be undeleted for blobSoftDeleteDays, and so can a deleted container.
      isVersioningEnabled: true
      deleteRetentionPolicyEnabled: true
      deleteRetentionPolicyDays: blobSoftDeleteDays
      containerDeleteRetentionPolicyEnabled: true
      containerDeleteRetentionPolicyDays: blobSoftDeleteDays
    }
    // Previous versions are deleted after blobVersionDays, or every blob the retention of the
    // exports and backups deletes (and every deployment package) would be kept forever as one.
    managementPolicyRules: [
      {
        enabled: true
        name: 'delete-old-blob-versions'
        type: 'Lifecycle'
        definition: {
          actions: {
            version: {
              delete: {
                daysAfterCreationGreaterThan: blobVersionDays
              }
            }
          }
          filters: {
            blobTypes: [
              'blockBlob'
            ]
          }
        }
      }
    ]
    minimumTlsVersion: 'TLS1_2'  // Enforcing TLS 1.2 for better security
    location: location
    tags: tags
  }
}

// Define the configuration object locally to pass to the modules
var storageEndpointConfig = {
  enableBlob: true  // Required for AzureWebJobsStorage, .zip deployment, Event Hubs trigger and Timer trigger checkpointing; also our exports
  enableQueue: true  // As the sample's timer variant (functions-quickstart-typescript-azd-timer) sets it for its timer trigger
  enableTable: true  // Our tables (Storage Table Data Contributor for the identity) and the host's diagnostic events
  enableFiles: false   // Not required, used in legacy scenarios
  allowUserIdentityPrincipal: true   // Allow interactive user identity to access for testing and debugging (and `pat` for the deployer)
}

// Consolidated Role Assignments
module rbac 'app/rbac.bicep' = {
  name: 'rbacAssignments'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    appInsightsName: monitoring.outputs.name
    managedIdentityPrincipalId: apiUserAssignedIdentity.outputs.principalId
    userIdentityPrincipalId: principalId
    enableBlob: storageEndpointConfig.enableBlob
    enableQueue: storageEndpointConfig.enableQueue
    enableTable: storageEndpointConfig.enableTable
    allowUserIdentityPrincipal: storageEndpointConfig.allowUserIdentityPrincipal
  }
}

// Monitor application with Azure Monitor - Log Analytics and Application Insights
module logAnalytics 'br/public:avm/res/operational-insights/workspace:0.11.1' = {
  name: '${uniqueString(deployment().name, location)}-loganalytics'
  scope: rg
  params: {
    name: !empty(logAnalyticsName) ? logAnalyticsName : '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    location: location
    tags: tags
    dataRetention: 30
  }
}

module monitoring 'br/public:avm/res/insights/component:0.6.0' = {
  name: '${uniqueString(deployment().name, location)}-appinsights'
  scope: rg
  params: {
    name: !empty(applicationInsightsName) ? applicationInsightsName : '${abbrs.insightsComponents}${resourceToken}'
    location: location
    tags: tags
    workspaceResourceId: logAnalytics.outputs.resourceId
    disableLocalAuth: true
  }
}

// App outputs
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.connectionString
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output SERVICE_API_NAME string = api.outputs.SERVICE_API_NAME
output AZURE_FUNCTION_NAME string = api.outputs.SERVICE_API_NAME
output AZURE_FUNCTION_APP_NAME string = api.outputs.SERVICE_API_NAME
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_APPLICATION_INSIGHTS_NAME string = monitoring.outputs.name
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
// For `pat` on an administrator's machine: `azd env get-value PAT_STORAGE_ACCOUNT_NAME`.
output PAT_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output PAT_PUBLIC_URL string = patPublicUrl
