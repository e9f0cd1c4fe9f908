// The Azure Bot that connects SalesBot to Microsoft Teams, with the Teams channel switched on: a single-tenant bot on
// the admin's app registration, or (identityId set) a bot that is the app's user-assigned managed identity.
param name string
@description('Application (client) id the bot signs in as: the app registration\'s, or the managed identity\'s.')
param appId string
@description('Resource id of the user-assigned identity the bot is; empty for an app registration.')
param identityId string
param tenantId string
@description('https://<host>/api/messages')
param endpoint string

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: name
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: 'F0'
  }
  properties: {
    displayName: 'SalesBot'
    endpoint: endpoint
    msaAppId: appId
    msaAppType: empty(identityId) ? 'SingleTenant' : 'UserAssignedMSI'
    msaAppTenantId: tenantId
    msaAppMSIResourceId: empty(identityId) ? null : identityId
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}
