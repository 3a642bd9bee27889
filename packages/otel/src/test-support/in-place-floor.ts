// A second SDK floor for otel.bench.ts: the same bare spans as the end-of-run floor, but started and
// ended where the instrumentation starts and ends its own (root and intake at the signal, one per
// step and rail while it runs, decide from the hypotheses to the decision), interleaved with the
// loop's work. No attributes, no context switch, no registry, no metrics: what the SDK costs in
// place, which the end-of-run burst (warm caches, back to back) understates.
import type { LoopConfig, LoopStepInput, Rail, StepOptions } from '@guardloop/core';
import { evaluateWith, type SynchronousEvaluate } from '@guardloop/core/internal';
import { type Context, context, type Span, type Tracer, trace } from '@opentelemetry/api';
import { judgeOf } from '../synchronous-judge';

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  typeof (value as PromiseLike<unknown> | null)?.then === 'function';

/** Ends `span` when `output` settles, and hands `output` back as it is. */
function endWhenSettled<T>(span: Span, output: T): T {
  if (isThenable(output))
    output.then(
      () => span.end(),
      () => span.end(),
    );
  else span.end();
  return output;
}

/** `config` with bare spans in place; one run at a time (the bench runs signals in sequence). */
export function withBareSpansInPlace(config: LoopConfig, tracer: Tracer): LoopConfig {
  let root: Span | undefined;
  let rootContext: Context | undefined;
  let decide: Span | undefined;
  let decideContext: Context | undefined;
  const step =
    <Output>(run: (input: LoopStepInput, options: StepOptions) => Output) =>
    (input: LoopStepInput, options: StepOptions) =>
      endWhenSettled(tracer.startSpan('step', {}, rootContext), run(input, options));
  const { steps } = config;
  return {
    ...config,
    steps: {
      ...steps,
      classifyIntent: step(steps.classifyIntent),
      proposeHypotheses: step(steps.proposeHypotheses),
      act: step(steps.act),
    },
    rails: (config.rails ?? []).map((rail): Rail => {
      // As the instrumentation does: a rail that answers at once keeps the engine's fast path.
      const judge = judgeOf(rail);
      const run: SynchronousEvaluate =
        judge ?? ((context, options) => rail.evaluate(context, options));
      const evaluate: SynchronousEvaluate = (railContext, options) =>
        endWhenSettled(tracer.startSpan('rail', {}, decideContext), run(railContext, options));
      return {
        name: rail.name,
        kind: rail.kind,
        evaluate: judge ? evaluateWith(evaluate) : evaluate,
      };
    }),
    onEvent(event) {
      switch (event.type) {
        case 'signal.received':
          root = tracer.startSpan('root');
          rootContext = trace.setSpan(context.active(), root);
          tracer.startSpan('intake', {}, rootContext).end();
          break;
        case 'hypotheses.proposed':
          decide = tracer.startSpan('decide', {}, rootContext);
          decideContext = trace.setSpan(rootContext ?? context.active(), decide);
          break;
        case 'decision.made':
          decide?.end();
          break;
        case 'loop.acted':
        case 'loop.escalated':
        case 'loop.rejected':
        case 'loop.failed':
        case 'loop.completed':
          root?.end();
          root = rootContext = decide = decideContext = undefined;
          break;
        default:
          break;
      }
    },
  };
}
