#!/usr/bin/env bash
# Generates a handler project of about LINES lines (default 10000) in DIR, referencing the DemiGen analyzers as
# an analyzer, to measure their cost:  make-handler-project.sh /tmp/handlers && cd /tmp/handlers &&
#   dotnet build -p:ReportAnalyzer=true -v:d | grep -A20 "Total analyzer execution time"
set -euo pipefail
dir=${1:?usage: make-handler-project.sh DIR [LINES]}
lines=${2:-10000}
repo=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$dir"
cat > "$dir/Handlers.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
  </PropertyGroup>
  <ItemGroup>
    <ProjectReference Include="$repo/runtime/DemiGen.Runtime/DemiGen.Runtime.csproj" />
    <ProjectReference Include="$repo/analyzers/DemiGen.Analyzers/DemiGen.Analyzers.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" Condition="'\$(DemiGenAnalyzers)' != 'false'" />
  </ItemGroup>
</Project>
XML
# One file = one class of 4 handlers and a helper, 95 lines; every DemiGen pattern the analyzers follow appears.
count=$(( (lines + 94) / 95 ))
for i in $(seq 1 "$count"); do
cat > "$dir/Handlers$i.cs" <<CS
using System;
using System.Net;
using DemiGen;

namespace Generated;

public static partial class Handlers$i
{
    [DemiHandler]
    public static async DemiTask Echo(LibOS os, QDesc qd)
    {
        while (true)
        {
            Sga data = await os.PopAsync(qd);
            if (data.IsEmpty) break;
            await os.PushAsync(qd, data);
            os.SgaFree(data);
        }

        await os.CloseAsync(qd);
    }

    [DemiHandler]
    public static async DemiTask Greet(LibOS os, QDesc qd)
    {
        Sga reply = os.SgaAlloc(16);
        try
        {
            reply.Span.Fill((byte)$i);
            DemiOperation push = os.PushAsync(qd, reply);
            int length = reply.Length;
            await push;
            if (length == 0)
            {
                return;
            }
        }
        finally
        {
            os.SgaFree(reply);
        }
    }

    [DemiHandler]
    public static async DemiTask Accept(LibOS os, QDesc listener)
    {
        for (int n = 0; n < 8; n++)
        {
            QResult accepted = await os.AcceptAsync(listener);
            if (accepted.Failed) break;
            os.Spawn(Echo(os, accepted.Accepted));
        }
    }

    [DemiHandler]
    public static async DemiTask Client(LibOS os, QDesc qd)
    {
        QResult connected = await os.ConnectAsync(qd, new IPEndPoint(IPAddress.Loopback, $i));
        if (connected.Failed) return;
        Sga request = os.SgaAlloc(8);
        Sga alias = request;
        await os.PushAsync(qd, alias);
        os.SgaFree(request);
        QResult response = await os.PopAsync(qd);
        Sga body = response.Sga;
        Checksum(body);
        os.SgaFree(body);
        await os.DelayAsync(TimeSpan.FromMilliseconds(1));
        await os.CloseAsync(qd);
    }

    private static int Checksum(Sga sga)
    {
        int sum = 0;
        foreach (byte b in sga.Span)
        {
            sum += b;
        }

        return sum;
    }

    public static int Plain(int[] values)
    {
        int total = 0;
        for (int k = 0; k < values.Length; k++)
        {
            total += values[k] * $i;
        }

        return total;
    }
}
CS
done
echo "$dir: $count files, $(cat "$dir"/*.cs | wc -l) lines"
