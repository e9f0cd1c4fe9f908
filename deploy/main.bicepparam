using 'main.bicep'

// Copy and edit. Secrets are not parameters: set them in the Key Vault after the deployment (docs/deploy.md).
param name = 'salesbot'
param slackEnabled = true
param slackClientId = ''
param teamsEnabled = true
param teamsSignIn = 'appRegistration'
param teamsAppId = '00000000-0000-0000-0000-000000000000'
