#!/bin/sh
# azd postprovision hook: waits until the data roles this template just assigned to whoever runs azd
# reach the storage account's data plane. Shared keys are off, so until they propagate (usually a
# minute or two, sometimes more) every upload answers 403 — the first `azd up` would fail at deploy.
# Checks with `az` (the README asks for it) every 15 s, up to 10 minutes; azd passes the environment.
set -u
account="${AZURE_STORAGE_ACCOUNT_NAME:?falta AZURE_STORAGE_ACCOUNT_NAME (salida de infra/main.bicep)}"
tries=40
while :; do
  if az storage container list --account-name "$account" --auth-mode login --num-results 1 --output none 2>/dev/null; then
    echo "Roles de datos activos en la cuenta $account."
    exit 0
  fi
  tries=$((tries - 1))
  if [ "$tries" -le 0 ]; then
    echo "Los roles de datos aún no llegan a la cuenta $account tras 10 minutos. Espere unos minutos y ejecute «azd deploy»." >&2
    exit 1
  fi
  echo "Esperando a que los roles de datos de la cuenta $account surtan efecto (403 mientras tanto)…"
  sleep 15
done
