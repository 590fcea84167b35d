using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DemiGen.Analyzers.Ownership;

/// <summary>Calls: DemiGen APIs follow <see cref="OwnershipContract"/>; any other method borrows its Sga arguments.</summary>
internal sealed partial class FlowInterpreter
{
    private ImmutableHashSet<int> Invoke(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        var instance = Eval(invocation.Instance);
        var arguments = invocation.Arguments.Select(argument => Eval(argument.Value)).ToArray();

        if (known.IsLibOS(method.ContainingType))
        {
            var effect = OwnershipContract.EffectOf(method.Name);
            if (effect != ApiEffect.None)
            {
                return LibOSCall(invocation, effect, arguments);
            }
        }

        if (method.Name == "GetResult" && known.IsAwaitable(method.ContainingType))
        {
            return Consume(instance, invocation);
        }

        if (!instance.IsEmpty)
        {
            Use(instance, invocation.Instance!, UseKind.Access);
            EscapeTokens(instance);
        }

        var intoCollection = invocation.Instance is not null && known.IsCollection(invocation.Instance.Type);
        for (var i = 0; i < arguments.Length; i++)
        {
            var argument = invocation.Arguments[i];
            var ids = arguments[i];
            if (argument.Parameter?.RefKind is RefKind.Out or RefKind.Ref)
            {
                Escape(ids, argument.Value, "an out or ref argument");
                EscapeTokens(ids);
                ForgetWrittenVariable(argument.Value);
            }
            else if (ids.IsEmpty)
            {
                continue;
            }
            else if (known.TakesOwnershipOf(argument.Parameter))
            {
                HandOn(ids, argument.Value, callerCopyDies: true);
            }
            else if (intoCollection)
            {
                Escape(ids, argument.Value, "a collection");
            }
            else
            {
                Use(ids, argument.Value, UseKind.Pass);
            }

            EscapeTokens(ids);
        }

        if (known.CarriesToken(method.ReturnType))
        {
            return NewObject(invocation, isToken: true, obligated: false, popGivesBuffer: false, ObjectId.Fresh);
        }

        return known.CarriesBuffer(method.ReturnType)
            ? NewObject(invocation, isToken: false, obligated: false, popGivesBuffer: false, ObjectId.Fresh)
            : FlowState.NoObjects;
    }

    private ImmutableHashSet<int> LibOSCall(IInvocationOperation invocation, ApiEffect effect, ImmutableHashSet<int>[] arguments)
    {
        switch (effect)
        {
            case ApiEffect.Gives:
                return NewObject(invocation, isToken: false, obligated: true, popGivesBuffer: false, ObjectId.Fresh);
            case ApiEffect.Frees:
                Free(Argument(invocation, arguments, "sga"), ArgumentValue(invocation, "sga"));
                return FlowState.NoObjects;
            case ApiEffect.Lends:
            {
                var lent = Argument(invocation, arguments, "sga");
                Use(lent, ArgumentValue(invocation, "sga"), UseKind.Push);
                var token = NewObject(invocation, isToken: true, obligated: false, popGivesBuffer: false, ObjectId.Fresh);
                Lend(lent, token.Single());
                return token;
            }

            case ApiEffect.PopsIntoOwned:
                return NewObject(invocation, isToken: true, obligated: true, popGivesBuffer: true, ObjectId.Fresh);
            case ApiEffect.StartsIo:
                return NewObject(invocation, isToken: true, obligated: false, popGivesBuffer: false, ObjectId.Fresh);
            case ApiEffect.WaitsOne:
            {
                var tokens = Argument(invocation, arguments, "qt");
                if (HasTimeout(invocation))
                {
                    // On timeout the token stays valid and the push may still run: loans become "maybe".
                    TimedWait(tokens);
                    return FlowState.NoObjects;
                }

                return Consume(tokens, invocation);
            }

            case ApiEffect.WaitsMany:
                WaitMany(invocation, arguments);
                return FlowState.NoObjects;
            case ApiEffect.Races:
                foreach (var ids in arguments)
                {
                    EscapeTokens(ids);
                }

                return NewObject(invocation, isToken: true, obligated: false, popGivesBuffer: false, ObjectId.Fresh);
            case ApiEffect.Detaches:
                foreach (var ids in arguments)
                {
                    EscapeTokens(ids);
                }

                return FlowState.NoObjects;
            default:
                return FlowState.NoObjects;
        }
    }

    /// <summary>
    /// WaitAny completes one of its tokens and WaitNext some pending ones; which is known only at run time, so
    /// their loans end and the tokens are no longer checked (no false "lost" or "awaited twice").
    /// </summary>
    private void WaitMany(IInvocationOperation invocation, ImmutableHashSet<int>[] arguments)
    {
        if (invocation.TargetMethod.Name == "WaitNext")
        {
            EscapeTokens(state.Objects.Keys.Where(IsToken).ToImmutableHashSet());
            return;
        }

        for (var i = 0; i < arguments.Length; i++)
        {
            EscapeTokens(arguments[i]);
            ForgetWrittenVariable(invocation.Arguments[i].Value);
        }
    }

    private static bool HasTimeout(IInvocationOperation invocation)
    {
        var timeout = invocation.Arguments.FirstOrDefault(argument => argument.Parameter?.Name == "timeout");
        if (timeout is null || timeout.ArgumentKind == ArgumentKind.DefaultValue)
        {
            return false;
        }

        var value = timeout.Value is IConversionOperation conversion ? conversion.Operand : timeout.Value;
        return !(value.ConstantValue.HasValue && value.ConstantValue.Value is null) && value is not IDefaultValueOperation;
    }

    private static ImmutableHashSet<int> Argument(IInvocationOperation invocation, ImmutableHashSet<int>[] arguments, string name)
    {
        for (var i = 0; i < invocation.Arguments.Length; i++)
        {
            if (invocation.Arguments[i].Parameter?.Name == name)
            {
                return arguments[i];
            }
        }

        return FlowState.NoObjects;
    }

    private static IOperation ArgumentValue(IInvocationOperation invocation, string name) =>
        invocation.Arguments.FirstOrDefault(argument => argument.Parameter?.Name == name)?.Value ?? invocation;

    /// <summary>An out/ref argument is overwritten by the callee: the variable no longer holds what we tracked.</summary>
    private void ForgetWrittenVariable(IOperation value)
    {
        switch (value)
        {
            case ILocalReferenceOperation local:
                state.Write(local.Local, FlowState.NoObjects);
                break;
            case IParameterReferenceOperation parameter:
                state.Write(parameter.Parameter, FlowState.NoObjects);
                break;
        }
    }
}
