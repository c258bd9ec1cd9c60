// The image the listener app runs now. azd replaces only the image on `azd deploy`; without this
// look-up every `azd provision` would reset the app to the placeholder image.
param exists bool
param name string
param placeholderImage string

resource current 'Microsoft.App/containerApps@2025-01-01' existing = if (exists) {
  name: name
}

output image string = exists ? current!.properties.template!.containers![0].image! : placeholderImage
