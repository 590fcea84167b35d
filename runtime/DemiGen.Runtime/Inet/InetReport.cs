using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text;
using DemiGen.Inet.Tcp;

namespace DemiGen;

/// <summary>Formats every counter of a stack in one line, for test failures and diagnostics.</summary>
internal static class InetReport
{
    internal static string Describe(InetStack stack, UdpCounters udp, TcpStats tcp) =>
        $"ethernet[{Fields(stack.Ethernet.Counters)}] arp[{Fields(stack.Arp.Counters)}] ipv4[{Fields(stack.Ipv4.Counters)}] icmp[{Fields(stack.Icmp.Counters)}]"
        + $" udp[{Fields(udp)}] tcp[{Fields(tcp)}]";

    private static string Fields<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.NonPublicFields | DynamicallyAccessedMemberTypes.PublicFields)] T>(T counters)
        where T : class
    {
        StringBuilder text = new();
        foreach (FieldInfo field in typeof(T).GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public))
        {
            if (field.GetValue(counters) is long value && value != 0)
            {
                text.Append(text.Length == 0 ? string.Empty : " ").Append(field.Name).Append('=').Append(value);
            }
        }

        return text.ToString();
    }
}
