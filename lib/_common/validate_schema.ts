/**
 * A validator for the subset of JSON Schema (2020-12) that the project's schemas use (the config,
 * RunRecords, comparisons): type, enum, const, minimum/maximum (exclusive too), minLength/maxLength,
 * pattern, items, minItems/maxItems, properties, required, additionalProperties, propertyNames,
 * oneOf and local `$ref`s. A schema file is the single description of a file's shape; this module turns it
 * into precise messages.
 * Keys are looked up as own properties only (`own_key.ts`): `toString` or `constructor` in a file
 * is an unknown key like any other, never a known one.
 */

import { didYouMean, unknownName } from "./suggest.ts";
import { formatJsonPath, type PathSegment } from "./json_path.ts";
import { hasOwnKey, ownValue } from "./own_key.ts";

export interface SchemaNode {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  items?: SchemaNode;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  additionalProperties?: boolean | SchemaNode;
  propertyNames?: SchemaNode;
  /** Exactly one of the alternatives must match. */
  oneOf?: SchemaNode[];
  description?: string;
  default?: unknown;
  [key: string]: unknown;
}

export interface SchemaIssue {
  /** JSON path of the offending value, e.g. `targets[3].module`. */
  path: string;
  /** What is wrong and what is allowed. */
  message: string;
}

export interface ValidateOptions {
  /** When false, `required` is not enforced (a user's partial config). */
  enforceRequired: boolean;
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function matchesType(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  if (type === "number") return actual === "number" || actual === "integer";
  return actual === type;
}

function show(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function resolveRef(root: SchemaNode, ref: string): SchemaNode {
  if (!ref.startsWith("#/")) throw new Error(`unsupported $ref ${ref}`);
  let node: unknown = root;
  for (const part of ref.slice(2).split("/")) {
    node = hasOwnKey(node, part) ? (node as Record<string, unknown>)[part] : undefined;
    if (node === undefined) throw new Error(`unresolved $ref ${ref}`);
  }
  return node as SchemaNode;
}

/** Follows `$ref` chains; sibling keywords of a `$ref` (like `description`) are kept. */
export function derefSchema(root: SchemaNode, node: SchemaNode): SchemaNode {
  let current = node;
  while (current.$ref !== undefined) {
    const { $ref, ...rest } = current;
    current = { ...resolveRef(root, $ref), ...rest };
  }
  return current;
}

/** Validates `value` against `schema`; returns every issue found (empty when valid). */
export function validateSchema(
  value: unknown,
  schema: SchemaNode,
  options: ValidateOptions,
): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  walk(value, schema, [], schema, options, issues);
  return issues;
}

function walk(
  value: unknown,
  rawNode: SchemaNode,
  path: PathSegment[],
  root: SchemaNode,
  options: ValidateOptions,
  issues: SchemaIssue[],
): void {
  const node = derefSchema(root, rawNode);
  const at = formatJsonPath(path);
  const report = (message: string) => issues.push({ path: at, message });

  if (node.oneOf !== undefined) {
    const outcomes = node.oneOf.map((branch) => {
      const found: SchemaIssue[] = [];
      walk(value, branch, path, root, options, found);
      return found;
    });
    const matching = outcomes.filter((found) => found.length === 0).length;
    if (matching > 1) report(`matches ${matching} of the alternatives, exactly one must`);
    if (matching === 0) {
      // The alternative that came closest says what is wrong.
      const closest = outcomes.reduce((a, b) => (b.length < a.length ? b : a));
      issues.push(...closest);
    }
    return;
  }
  if (node.enum !== undefined) {
    if (!node.enum.some((allowed) => allowed === value)) {
      const allowed = node.enum.map((v) => JSON.stringify(v)).join(", ");
      const hint = typeof value === "string"
        ? didYouMean(value, node.enum.filter((v): v is string => typeof v === "string"))
        : "";
      report(`got ${show(value)}, expected one of ${allowed}${hint}`);
    }
    return;
  }
  if (node.const !== undefined && value !== node.const) {
    report(`got ${show(value)}, expected ${JSON.stringify(node.const)}`);
    return;
  }
  if (node.type !== undefined) {
    const types = Array.isArray(node.type) ? node.type : [node.type];
    if (!types.some((t) => matchesType(value, t))) {
      report(`got ${typeOf(value)} ${show(value)}, expected ${types.join(" or ")}`);
      return;
    }
  }
  if (typeof value === "number") {
    if (node.minimum !== undefined && value < node.minimum) {
      report(`got ${value}, must be ≥ ${node.minimum}`);
    }
    if (node.maximum !== undefined && value > node.maximum) {
      report(`got ${value}, must be ≤ ${node.maximum}`);
    }
    if (node.exclusiveMinimum !== undefined && value <= node.exclusiveMinimum) {
      report(`got ${value}, must be > ${node.exclusiveMinimum}`);
    }
    if (node.exclusiveMaximum !== undefined && value >= node.exclusiveMaximum) {
      report(`got ${value}, must be < ${node.exclusiveMaximum}`);
    }
  }
  if (typeof value === "string") {
    if (node.minLength !== undefined && value.length < node.minLength) {
      report(
        node.minLength === 1 ? "must not be empty" : `must have ≥ ${node.minLength} characters`,
      );
    }
    if (node.maxLength !== undefined && value.length > node.maxLength) {
      report(`has ${value.length} characters, at most ${node.maxLength} allowed`);
    }
    if (node.pattern !== undefined && !new RegExp(node.pattern, "u").test(value)) {
      report(`got ${show(value)}, which does not match ${node.pattern}`);
    }
  }
  if (Array.isArray(value)) {
    if (node.minItems !== undefined && value.length < node.minItems) {
      report(`has ${value.length} items, needs at least ${node.minItems}`);
    }
    if (node.maxItems !== undefined && value.length > node.maxItems) {
      report(`has ${value.length} items, at most ${node.maxItems} allowed`);
    }
    if (node.items !== undefined) {
      value.forEach((item, i) => walk(item, node.items!, [...path, i], root, options, issues));
    }
  }
  if (typeOf(value) === "object") {
    const object = value as Record<string, unknown>;
    const properties = node.properties ?? {};
    if (options.enforceRequired) {
      for (const key of node.required ?? []) {
        if (!hasOwnKey(object, key)) {
          issues.push({ path: formatJsonPath([...path, key]), message: "is required" });
        }
      }
    }
    for (const [key, child] of Object.entries(object)) {
      if (node.propertyNames !== undefined) {
        const nameIssues = validateSchema(key, derefSchema(root, node.propertyNames), options);
        for (const issue of nameIssues) {
          issues.push({
            path: formatJsonPath([...path, key]),
            message: `invalid name: ${issue.message}`,
          });
        }
      }
      const property = ownValue(properties, key);
      if (property !== undefined) {
        walk(child, property, [...path, key], root, options, issues);
      } else if (node.additionalProperties === false) {
        const known = Object.keys(properties);
        issues.push({
          path: formatJsonPath([...path, key]),
          message: unknownName("key", key, known),
        });
      } else if (typeof node.additionalProperties === "object") {
        walk(child, node.additionalProperties, [...path, key], root, options, issues);
      }
    }
  }
}
