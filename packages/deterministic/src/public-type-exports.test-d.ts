import type { Rail, RailContext } from '@guardloop/core';
import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type * as deterministic from './index';
import type {
  CustomOperation,
  Grant,
  NormalizedResourceId,
  Permission,
  PolicyRule,
  PolicyRuleInput,
  RbacCheck,
  RbacOutcome,
  RbacPolicy,
  RbacPolicyDefinition,
  RbacPolicyInput,
  RbacRailOptions,
  RbacRequest,
  RoleDefinition,
  RuleData,
  RuleFailure,
  RuleSet,
  RuleSetEvaluation,
  RuleSetOptions,
  RulesRailOptions,
  SchemaRailOptions,
  SchemaTargetSelector,
} from './index';

type Root = typeof deterministic;

// Every type in a public signature can be named from the root (no deep import needed).
describe('public type exports', () => {
  it('names the arguments and results of the rails and their builders', () => {
    expectTypeOf<Root['schemaRail']>().parameters.toEqualTypeOf<
      [z.ZodType, (SchemaRailOptions | undefined)?]
    >();
    expectTypeOf<Root['schemaRail']>().returns.toEqualTypeOf<Rail>();
    expectTypeOf<SchemaRailOptions['target']>().toEqualTypeOf<
      'action' | 'signal' | SchemaTargetSelector | undefined
    >();
    expectTypeOf<Root['createRbacPolicy']>().returns.toEqualTypeOf<RbacPolicy>();
    expectTypeOf<Root['rbacRail']>().parameters.toEqualTypeOf<
      [RbacPolicy | RbacPolicyInput, (RbacRailOptions | undefined)?]
    >();
    expectTypeOf<Root['rbacRail']>().returns.toEqualTypeOf<Rail>();
    expectTypeOf<Root['createRuleSet']>().parameters.toEqualTypeOf<
      [readonly PolicyRuleInput[], (RuleSetOptions | undefined)?]
    >();
    expectTypeOf<Root['createRuleSet']>().returns.toEqualTypeOf<RuleSet>();
    expectTypeOf<Root['rulesRail']>().parameters.toEqualTypeOf<
      [RuleSet | readonly PolicyRuleInput[], (RulesRailOptions | undefined)?]
    >();
    expectTypeOf<Root['projectRailContext']>().parameters.toEqualTypeOf<[RailContext, number]>();
    expectTypeOf<Root['projectRailContext']>().returns.toEqualTypeOf<RuleData>();
  });

  it('names what policies and rule sets answer', () => {
    expectTypeOf<RbacPolicy['check']>().parameter(0).toEqualTypeOf<RbacRequest>();
    expectTypeOf<RbacPolicy['check']>().returns.toEqualTypeOf<RbacCheck>();
    expectTypeOf<RbacCheck['outcome']>().toEqualTypeOf<RbacOutcome>();
    expectTypeOf<RbacCheck['grant']>().toEqualTypeOf<Grant | undefined>();
    expectTypeOf<RbacPolicy['definition']>().toEqualTypeOf<RbacPolicyDefinition>();
    expectTypeOf<RbacPolicyDefinition['roles']>().toExtend<Record<string, RoleDefinition>>();
    expectTypeOf<RoleDefinition['allow']>().toExtend<Permission[] | undefined>();
    expectTypeOf<RuleSet['evaluate']>().returns.toEqualTypeOf<RuleSetEvaluation>();
    expectTypeOf<RuleSet['rules']>().toEqualTypeOf<readonly PolicyRule[]>();
    expectTypeOf<RuleSetEvaluation['failed']>().toExtend<readonly RuleFailure[] | undefined>();
    expectTypeOf<RuleSetOptions['operations']>().toEqualTypeOf<
      Record<string, CustomOperation> | undefined
    >();
  });

  it('names what the resource-id normaliser answers', () => {
    expectTypeOf<Root['normalizeResourceId']>().returns.toEqualTypeOf<NormalizedResourceId>();
  });
});
