// App Service for Linux running the published SalesBot (a zip of `dotnet publish`), with Always On so the stall
// scanner keeps running, a health check on /healthz, and the user-assigned identity for storage and Key Vault.
param name string
param location string
@description('App Service plan size: B1 or higher (Free and Shared cannot keep the app always on).')
param sku string
@description('Instances; more than one is safe (leases and conditional writes, docs/deploy.md).')
param instances int
param identityId string
@description('Settings for the app, beyond the ones every deployment has.')
param settings object

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: '${name}-plan'
  location: location
  kind: 'linux'
  sku: {
    name: sku
    capacity: instances
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      linuxFxVersion: 'DOTNETCORE|10.0'
      alwaysOn: true
      healthCheckPath: '/healthz'
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: [for setting in items(union(settings, {
        ASPNETCORE_ENVIRONMENT: 'Production'
        WEBSITE_RUN_FROM_PACKAGE: '1'
      })): {
        name: setting.key
        value: setting.value
      }]
    }
  }
}

output hostName string = site.properties.defaultHostName
