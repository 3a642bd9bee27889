import { html } from 'hono/html';
import { z } from 'zod';

/** Fields the host fixes: a reviewer edits what the action does, not which ticket it is for. */
export const fixedFields = new Set(['ticketId']);

interface FieldSchema {
  type?: string;
  enum?: unknown[];
  description?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
}

function fieldsOf(schema: z.ZodType) {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, FieldSchema>;
    required?: string[];
  };
  const required = new Set(json.required ?? []);
  return Object.entries(json.properties ?? {}).map(([name, field]) => ({
    name,
    field,
    required: required.has(name),
  }));
}

/** The edit form's fields, generated from the action's input schema, prefilled with `input`. */
export function inputFields(schema: z.ZodType, input: Record<string, unknown>) {
  return fieldsOf(schema).map(({ name, field, required }) => {
    const id = `input-${name}`;
    const label = field.description ?? name;
    const value = input[name];
    if (fixedFields.has(name))
      return html`<label>${label} <input id="${id}" name="input.${name}" value="${String(value ?? '')}" readonly /></label>`;
    if (field.enum)
      return html`<label>${label}
        <select id="${id}" name="input.${name}">
          ${field.enum.map((option) => html`<option value="${String(option)}" ${option === value ? 'selected' : ''}>${String(option)}</option>`)}
        </select></label>`;
    if (field.type === 'boolean')
      return html`<label><input id="${id}" type="checkbox" name="input.${name}" ${value === true ? 'checked' : ''} /> ${label}</label>`;
    if (field.type === 'number' || field.type === 'integer')
      return html`<label>${label}
        <input id="${id}" type="number" step="${field.type === 'integer' ? '1' : 'any'}" name="input.${name}" value="${value === undefined ? '' : String(value)}" ${required ? 'required' : ''} /></label>`;
    return html`<label>${label} <input id="${id}" name="input.${name}" value="${value === undefined ? '' : String(value)}" ${required ? 'required' : ''} /></label>`;
  });
}

/**
 * Reads the edited input from the form by the schema's field types. The action's schema then
 * validates it in the inbox (`invalid_input`, a 400 with the field errors).
 */
export function readInputFields(
  schema: z.ZodType,
  form: Record<string, unknown>,
  original: Record<string, unknown>,
): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const { name, field } of fieldsOf(schema)) {
    if (fixedFields.has(name)) {
      input[name] = original[name];
      continue;
    }
    const raw = form[`input.${name}`];
    if (field.type === 'boolean') {
      input[name] = raw === 'on' || raw === 'true';
      continue;
    }
    if (typeof raw !== 'string' || raw.trim() === '') continue; // missing: the schema says if required
    if (field.type === 'number' || field.type === 'integer') {
      const number = Number(raw);
      input[name] = Number.isFinite(number) ? number : raw; // a non-number fails the schema
    } else input[name] = raw;
  }
  return input;
}
