// SalesBot in one resource group: storage (tables, keyless), a user-assigned identity, Key Vault, Log Analytics and
// Application Insights, App Service for Linux, and (with Teams on) the Azure Bot with its Teams channel.
// Deploy: az deployment group create -g <group> --template-file main.bicep --parameters main.bicepparam
// Then publish the app and set the secrets: docs/deploy.md.

@description('Base name of every resource: lowercase letters and digits, 3 to 14 characters.')
@minLength(3)
@maxLength(14)
param name string

param location string = resourceGroup().location

@description('Answer Slack (HTTP endpoints, signing secret and OAuth installs from Key Vault).')
param slackEnabled bool = true

@description('Slack app client id (Basic Information), for installs into several workspaces; empty for one workspace with a bot token.')
param slackClientId string = ''

@description('Answer Microsoft Teams through an Azure Bot.')
param teamsEnabled bool = true

@description('How the Teams bot signs in: an Entra app registration with a client secret in Key Vault, or the app\'s managed identity (no secret).')
@allowed([
  'appRegistration'
  'managedIdentity'
])
param teamsSignIn string = 'appRegistration'

@description('With teamsSignIn appRegistration: the application (client) id of the app registration.')
param teamsAppId string = ''

@description('Storage redundancy.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_RAGRS'
])
param storageSku string = 'Standard_ZRS'

@description('App Service plan size.')
param appServiceSku string = 'B1'

@description('App Service instances.')
@minValue(1)
param instances int = 1

@description('Days Log Analytics keeps logs and traces.')
param logRetentionInDays int = 30

var unique = take(uniqueString(resourceGroup().id, name), 6)
var hostName = '${name}-${unique}.azurewebsites.net'
var vaultName = '${name}-kv-${unique}'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: '${name}-identity'
  location: location
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: '${name}${unique}'
    location: location
    sku: storageSku
    principalId: identity.properties.principalId
  }
}

module vault 'modules/keyvault.bicep' = {
  name: 'vault'
  params: {
    name: vaultName
    location: location
    principalId: identity.properties.principalId
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    name: name
    location: location
    retentionInDays: logRetentionInDays
  }
}

// Secrets are App Service Key Vault references: the app reads plain settings, the platform fetches the values with the
// identity. Vault secret names use "--" where setting names use "__".
var secret = '@Microsoft.KeyVault(VaultName=${vaultName};SecretName='
var common = {
  Storage__TableEndpoint: storage.outputs.tableEndpoint
  Storage__ManagedIdentityClientId: identity.properties.clientId
  AZURE_CLIENT_ID: identity.properties.clientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.connectionString
}
var slack = !slackEnabled ? {} : empty(slackClientId) ? {
  Slack__SigningSecret: '${secret}Slack--SigningSecret)'
  Slack__BotToken: '${secret}Slack--BotToken)'
} : {
  Slack__SigningSecret: '${secret}Slack--SigningSecret)'
  Slack__ClientId: slackClientId
  Slack__ClientSecret: '${secret}Slack--ClientSecret)'
  Slack__TokenEncryptionKey: '${secret}Slack--TokenEncryptionKey)'
  Slack__RedirectUrl: 'https://${hostName}/api/slack/oauth/callback'
}
var teamsByIdentity = teamsSignIn == 'managedIdentity'
var teams = !teamsEnabled ? {} : union({
  Teams__AppId: teamsByIdentity ? identity.properties.clientId : teamsAppId
  Teams__TenantId: tenant().tenantId
  Teams__AllowedTenants__0: tenant().tenantId
}, teamsByIdentity ? {
  Teams__ManagedIdentityClientId: identity.properties.clientId
} : {
  Teams__AppPassword: '${secret}Teams--AppPassword)'
})

module app 'modules/appservice.bicep' = {
  name: 'app'
  params: {
    name: '${name}-${unique}'
    location: location
    sku: appServiceSku
    instances: instances
    identityId: identity.id
    settings: union(common, slack, teams)
  }
}

module bot 'modules/bot.bicep' = if (teamsEnabled) {
  name: 'bot'
  params: {
    name: '${name}-bot-${unique}'
    appId: teamsByIdentity ? identity.properties.clientId : teamsAppId
    identityId: teamsByIdentity ? identity.id : ''
    tenantId: tenant().tenantId
    endpoint: 'https://${app.outputs.hostName}/api/messages'
  }
}

@description('The bot messaging endpoint (Azure Bot → Configuration).')
output messagingEndpoint string = 'https://${app.outputs.hostName}/api/messages'

@description('Slack app request URLs: slash commands, event subscriptions, interactivity, OAuth redirect.')
output slackRequestUrls object = {
  commands: 'https://${app.outputs.hostName}/api/slack/commands'
  events: 'https://${app.outputs.hostName}/api/slack/events'
  interactivity: 'https://${app.outputs.hostName}/api/slack/interactions'
  oauthRedirect: 'https://${app.outputs.hostName}/api/slack/oauth/callback'
}

@description('Where to set the secrets (az keyvault secret set --vault-name …).')
output keyVaultName string = vault.outputs.name

@description('The app, for az webapp deploy --name ….')
output appName string = '${name}-${unique}'

output identityClientId string = identity.properties.clientId
