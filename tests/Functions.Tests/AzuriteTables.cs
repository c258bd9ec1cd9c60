using Azure.Data.Tables;

namespace KadoaBridge.Functions.Tests;

/// <summary>Table chores the fault tests share.</summary>
public static class AzuriteTables
{
    /// <summary>Creates a table again after a test deleted it; Azurite answers 409 "being deleted" for a moment, so this retries within a deadline.</summary>
    public static Task RecreateAsync(TableClient table, TimeSpan timeout) =>
        Wait.UntilAsync(async () =>
        {
            try
            {
                await table.CreateIfNotExistsAsync();
                return true;
            }
            catch (Azure.RequestFailedException e) when (e.Status == 409)
            {
                return false;
            }
        }, timeout, $"the {table.Name} table is recreated");
}
