using KadoaBridge.Listener;

var app = ListenerApp.Create(args);
await app.RunAsync();
