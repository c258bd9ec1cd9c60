namespace KadoaBridge.Infra.Tests.Arm;

/// <summary>The template called <c>fail()</c>: Azure stops the deployment with this message before creating anything.</summary>
internal sealed class TemplateFailedException(string message) : Exception(message);
