// Firebreak on Azure: App Service (Linux, Node 20) with a system-assigned managed identity, the
// Azure Bot registration with the Teams channel, a storage account for the ledger, work queue
// and conversation state, Key Vault for new secrets, and Application Insights.
targetScope = 'resourceGroup'

@description('Prefix of every resource name: 3 to 11 lower-case letters and digits.')
@minLength(3)
@maxLength(11)
param namePrefix string

@description('Region of the resources; the bot registration itself is global.')
param location string = resourceGroup().location

@description('Application (client) id of the Entra app registration the bot signs in as.')
param botAppId string

@description('Tenant id of that app registration (single-tenant bot).')
param botTenantId string = subscription().tenantId

@description('Object id of the Entra group whose members may request remediation.')
param responderGroupId string

@description('Object id of the Entra group whose members may approve remediation.')
param approverGroupId string

@description('true when only Graph read permissions are granted: no remediation is offered.')
param readOnly bool = false

@description('App Service plan SKU; B1 is the smallest with Always On.')
param planSku string = 'B1'

@description('Instances of the web app; more than one needs the azure storage this template sets.')
@minValue(1)
@maxValue(10)
param instanceCount int = 2

// Built-in role definition ids, the same in every Azure tenant.
var roles = {
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
}
var suffix = uniqueString(resourceGroup().id, namePrefix)
var storageName = take('${namePrefix}${suffix}', 24)
var webName = '${namePrefix}-bot-${suffix}'

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${namePrefix}-logs-${suffix}'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 90
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${namePrefix}-insights-${suffix}'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
  }
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageName
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_ZRS' }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    // The app reaches storage with its managed identity only; no account key is handed out.
    allowSharedKeyAccess: false
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: take('${namePrefix}-kv-${suffix}', 24)
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${namePrefix}-plan-${suffix}'
  location: location
  kind: 'linux'
  sku: { name: planSku, capacity: instanceCount }
  properties: { reserved: true }
}

resource web 'Microsoft.Web/sites@2023-12-01' = {
  name: webName
  location: location
  kind: 'app,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      alwaysOn: true
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      appCommandLine: 'npm start'
      healthCheckPath: '/healthz'
      appSettings: [
        { name: 'MicrosoftAppId', value: botAppId }
        { name: 'MicrosoftAppType', value: 'SingleTenant' }
        { name: 'MicrosoftAppTenantId', value: botTenantId }
        // The bot's client secret, read by App Service from Key Vault with the app's identity.
        {
          name: 'MicrosoftAppPassword'
          value: '@Microsoft.KeyVault(SecretUri=${vault.properties.vaultUri}secrets/bot-app-password/)'
        }
        { name: 'FIREBREAK_MANAGED_IDENTITY', value: 'true' }
        { name: 'FIREBREAK_STORAGE', value: 'azure' }
        { name: 'FIREBREAK_KEY_VAULT_URL', value: vault.properties.vaultUri }
        { name: 'FIREBREAK_STORAGE_ACCOUNT_URL', value: storage.properties.primaryEndpoints.blob }
        { name: 'FIREBREAK_RESPONDER_GROUP', value: responderGroupId }
        { name: 'FIREBREAK_APPROVER_GROUP', value: approverGroupId }
        { name: 'FIREBREAK_READ_ONLY', value: string(readOnly) }
        { name: 'FIREBREAK_ALLOWED_TENANTS', value: botTenantId }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'true' }
      ]
    }
  }
}

resource storageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in [
    roles.storageBlobDataContributor
    roles.storageQueueDataContributor
    roles.storageTableDataContributor
  ]: {
    name: guid(storage.id, web.id, role)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
      principalId: web.identity.principalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource vaultRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, web.id, roles.keyVaultSecretsOfficer)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      roles.keyVaultSecretsOfficer
    )
    principalId: web.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${namePrefix}-bot-${suffix}'
  location: 'global'
  kind: 'azurebot'
  sku: { name: 'S1' }
  properties: {
    displayName: 'Firebreak'
    endpoint: 'https://${web.properties.defaultHostName}/api/messages'
    msaAppId: botAppId
    msaAppType: 'SingleTenant'
    msaAppTenantId: botTenantId
    developerAppInsightKey: insights.properties.InstrumentationKey
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: { isEnabled: true }
  }
}

output webAppName string = web.name
output botEndpoint string = bot.properties.endpoint
output managedIdentityPrincipalId string = web.identity.principalId
output storageAccountName string = storage.name
output keyVaultUri string = vault.properties.vaultUri
