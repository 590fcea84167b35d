using DemiKV.Protocol;
using DemiKV.Server;

namespace DemiKV.Commands;

/// <summary>Runs one command for a client; its reply goes to the client's writer.</summary>
public delegate void CommandHandler(ClientSession client, Arguments args);
