using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text;

namespace DemiGen;

/// <summary>Formats every counter of a stack in one line, for test failures and diagnostics.</summary>
internal static class InetReport
{
    internal static string Describe(InetStack stack, UdpCounters? udp) =>
        $"ethernet[{Fields(stack.Ethernet.Counters)}] arp[{Fields(stack.Arp.Counters)}] ipv4[{Fields(stack.Ipv4.Counters)}] icmp[{Fields(stack.Icmp.Counters)}]"
        + (udp is null ? string.Empty : $" udp[{Fields(udp)}]");

    private static string Fields<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.NonPublicFields)] T>(T counters)
        where T : class
    {
        StringBuilder text = new();
        foreach (FieldInfo field in typeof(T).GetFields(BindingFlags.Instance | BindingFlags.NonPublic))
        {
            if (field.GetValue(counters) is long value && value != 0)
            {
                text.Append(text.Length == 0 ? string.Empty : " ").Append(field.Name).Append('=').Append(value);
            }
        }

        return text.ToString();
    }
}
