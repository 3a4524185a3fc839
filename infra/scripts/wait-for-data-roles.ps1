# azd postprovision hook (Windows): waits until the data roles this template just assigned reach the
# storage account's data plane (shared keys are off: 403 until they propagate). See the .sh twin.
$account = $env:AZURE_STORAGE_ACCOUNT_NAME
if (-not $account) { Write-Error 'falta AZURE_STORAGE_ACCOUNT_NAME (salida de infra/main.bicep)'; exit 1 }
for ($try = 1; $try -le 40; $try++) {
  az storage container list --account-name $account --auth-mode login --num-results 1 --output none 2>$null
  if ($LASTEXITCODE -eq 0) { Write-Host "Roles de datos activos en la cuenta $account."; exit 0 }
  Write-Host "Esperando a que los roles de datos de la cuenta $account surtan efecto (403 mientras tanto)…"
  Start-Sleep -Seconds 15
}
Write-Error "Los roles de datos aún no llegan a la cuenta $account tras 10 minutos. Espere unos minutos y ejecute «azd deploy»."
exit 1
