using KadoaBridge.Listener;

var app = ListenerApp.Create(args);
return await ListenerApp.RunAsync(app);
