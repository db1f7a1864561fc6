import {
  applyDecorators,
  Body,
  createParamDecorator,
  type ExecutionContext,
  type PipeTransform,
} from '@nestjs/common';
import { Expose, plainToInstance, Transform } from 'class-transformer';
import type { Request } from 'express';
import { IsBoolean, validateSync } from 'class-validator';
import { requestLanguage, toErrorBody } from '../common/all-exceptions.filter.js';
import { DomainError, ValidationFailed } from '../common/domain-error.js';
import { refuseNulCharacters } from '../common/nul-characters.js';
import type { Language } from '../i18n/i18n.js';
import { Redirect, Refused } from './page.js';

/** A form's fields as posted (urlencoded): text values only. */
export type FormBody = Record<string, string | string[] | undefined>;

/**
 * A posted form as the page handlers read it: always an object (a POST without a body gives {}),
 * each field a text or a list of texts. Anything else (JSON null, numbers, nested objects from
 * `a[b]=1`) is a 400 naming the field, never a TypeError in a handler.
 */
export class FormBodyPipe implements PipeTransform<unknown, FormBody> {
  transform(value: unknown): FormBody {
    if (value === undefined || value === null) return {};
    if (typeof value !== 'object' || Array.isArray(value))
      throw new ValidationFailed([{ field: 'body', rule: 'isObject' }]);
    const form: FormBody = {};
    for (const [name, field] of Object.entries(value as Record<string, unknown>)) {
      const text =
        typeof field === 'string' ||
        (Array.isArray(field) && field.every((v) => typeof v === 'string'));
      if (!text) throw new ValidationFailed([{ field: name, rule: 'isString' }]);
      Object.defineProperty(form, name, { value: field, enumerable: true, writable: true });
    }
    return form;
  }
}

/**
 * The fields a form class validates, read from the posted fields: for a form whose inputs are not
 * its DTO's fields one to one (one select per notification kind → one preferences object). Only
 * what it returns is validated; other posted fields are left out.
 */
export type FormFields = (posted: FormBody) => Record<string, unknown>;

/**
 * The posted form of a page handler. `@Form()` gives the fields as posted (see FormBodyPipe);
 * `@Form(SomeForm)` gives a `Posted<SomeForm>`: the fields converted by the form class's own
 * class-transformer decorators (Checkbox, BlankAsAbsent, List) and validated like an API DTO, or
 * the refusal to show on the form again (see Posted.submit). `@Form(SomeDto, fields)` validates
 * what `fields` reads from the posted form instead (see FormFields).
 */
export function Form(): ParameterDecorator;
export function Form<T extends object>(form: new () => T, fields?: FormFields): ParameterDecorator;
export function Form<T extends object>(
  form?: new () => T,
  fields?: FormFields,
): ParameterDecorator {
  return form ? PostedForm({ form, fields }) : Body(new FormBodyPipe());
}

const PostedForm = createParamDecorator(
  (
    { form, fields }: { form: new () => object; fields?: FormFields },
    ctx: ExecutionContext,
  ): Posted<object> => {
    const req = ctx.switchToHttp().getRequest<Request>();
    // A custom parameter skips the global pipes: the NUL refusal of every body is made here.
    refuseNulCharacters(req.body, '');
    const posted = new FormBodyPipe().transform(req.body);
    const lang = requestLanguage(req);
    try {
      return new Submission(
        validateForm(form, fields ? fields(posted) : posted),
        null,
        posted,
        lang,
      );
    } catch (error) {
      return new Submission<object>(null, error as DomainError, posted, lang);
    }
  },
);

/** A form shown again after a refusal: why, and what was typed (to fill the inputs again). */
export interface Again {
  problem: FormError;
  posted: FormBody;
}

/** A posted form, valid or refused; `submit` runs it (see runForm). */
export interface Posted<T> {
  /** The fields as posted, for a handler that needs one of them besides the form. */
  readonly posted: FormBody;
  /**
   * Runs `action` with the valid form; its URL is where the browser goes next (303). A refusal
   * (the form's own validation or a DomainError of the action) shows the page again (`again`) with
   * what was typed and why, with the status `status` gives (400 unless told). Anything that is not
   * a refusal goes on to the exception filter (500 page).
   */
  submit<V extends object>(
    action: (form: T) => Promise<string>,
    again: (again: Again) => V | Promise<V>,
    status?: (refusal: DomainError) => number,
  ): Promise<Redirect | Refused<V>>;
}

class Submission<T> implements Posted<T> {
  constructor(
    private readonly form: T | null,
    private readonly invalid: DomainError | null,
    readonly posted: FormBody,
    private readonly lang: Language,
  ) {}

  submit<V extends object>(
    action: (form: T) => Promise<string>,
    again: (again: Again) => V | Promise<V>,
    status?: (refusal: DomainError) => number,
  ): Promise<Redirect | Refused<V>> {
    const invalid = this.invalid;
    return runForm(
      this.lang,
      invalid ? () => Promise.reject(invalid) : () => action(this.form as T),
      (problem) => again({ problem, posted: this.posted }),
      status,
    );
  }
}

/**
 * `Posted.submit` for a form without fields of its own (a button: issue the report) or one read
 * elsewhere (an upload): the action's URL → 303; a refusal → the page again (`again`) with the
 * refusal's reason and the status `status` gives (400 unless told); anything else is thrown on.
 */
export async function runForm<V extends object>(
  lang: Language,
  action: () => Promise<string>,
  again: (problem: FormError) => V | Promise<V>,
  status: (refusal: DomainError) => number = () => 400,
): Promise<Redirect | Refused<V>> {
  let refusal: DomainError;
  try {
    return new Redirect(await action());
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    refusal = error;
  }
  const view = await again(formError(refusal, lang));
  // e.g. Retry-After on a throttled sign-in
  return new Refused(status(refusal), refusal.headers, view);
}

/**
 * A checkbox: ticked ('yes') is true; unticked is not posted at all, which means false. Always a
 * boolean, so it needs no rule of its own to be a known field of the form.
 */
export const Checkbox = (): PropertyDecorator =>
  applyDecorators(
    Expose(),
    Transform(({ value }: { value: unknown }) => value === 'yes'),
    IsBoolean(),
  );

/** Two buttons of one field: 'yes' is true, 'no' is false; anything else stays (and is refused). */
export const YesNo = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    value === 'yes' ? true : value === 'no' ? false : value,
  );

/** An optional input left blank means "not given" (undefined): a blank password keeps the old one. */
export const BlankAsAbsent = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    value === null || (typeof value === 'string' && value.trim() === '') ? undefined : value,
  );

/** An optional input left blank clears the field (null), as the API's null does. */
export const BlankAsNull = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && value.trim() === '' ? null : value,
  );

/** An input the page always posts: not posted at all reads as `value` (what blank would give). */
export const NotPostedAs = (value: unknown): PropertyDecorator =>
  applyDecorators(
    Expose(),
    Transform(({ value: posted }: { value: unknown }) => (posted === undefined ? value : posted)),
  );

/**
 * A whole number typed in a form ("4", " 12 "), at most `digits` digits long; anything else stays
 * as typed, for the DTO to refuse.
 */
export const WholeNumber = (digits: number): PropertyDecorator => {
  const whole = new RegExp(`^\\s*\\d{1,${digits}}\\s*$`);
  return Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && whole.test(value) ? Number(value) : value,
  );
};

/**
 * Checkboxes of one name: posted once, several times or not at all, always a list. `unlessPosted`:
 * another form posting to the same route sends that field instead (a start button beside the
 * details form), and then the list is not part of the form at all.
 */
export const List = (options: { unlessPosted?: string } = {}): PropertyDecorator =>
  applyDecorators(
    Expose(),
    Transform(({ value, obj }: { value: unknown; obj: Record<string, unknown> }) =>
      options.unlessPosted !== undefined && obj[options.unlessPosted] !== undefined
        ? undefined
        : value === undefined
          ? []
          : Array.isArray(value)
            ? (value as unknown[])
            : [value],
    ),
  );

/** Validates posted form fields with a DTO class, as the API's ValidationPipe would. */
export function validateForm<T extends object>(
  cls: new () => T,
  body: Readonly<Record<string, unknown>>,
): T {
  const value = plainToInstance(cls, body);
  const errors = validateSync(value, {
    whitelist: true,
    forbidNonWhitelisted: true,
    stopAtFirstError: true,
  });
  if (errors.length) throw ValidationFailed.fromValidator(errors);
  return value;
}

export interface FormError {
  message: string;
  /** field → reason, for the message beside each input. */
  fields: Record<string, string>;
  /** The refusal's details in the caller's language (refused rows with their messages, …). */
  details?: unknown;
}

/** Turns a refusal into what a form shows; anything that is not a refusal is thrown on. */
export function formError(error: unknown, lang: Language): FormError {
  if (!(error instanceof DomainError)) throw error;
  const body = toErrorBody(error, lang, '');
  const fields: Record<string, string> = {};
  if (Array.isArray(body.details)) {
    for (const d of body.details as { field?: string; message?: string }[]) {
      if (d.field && d.message && !fields[d.field]) fields[d.field] = d.message;
    }
  }
  return { message: body.message, fields, details: body.details };
}

/**
 * The reason beside each input of a form: every field named (null when fine), so a strict template
 * may ask for any of them, with the refusal's reasons filled in.
 */
export const fieldErrors = (
  names: readonly string[],
  error: FormError | null,
): Record<string, string | null> => ({
  ...Object.fromEntries(names.map((n) => [n, null])),
  ...error?.fields,
});

/** A posted field that may come once or several times (checkboxes) as a list; nothing → []. */
export const asList = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** One checkbox of a multiple choice: value, label and whether it is ticked. */
export interface Choice {
  value: string;
  label: string;
  checked: boolean;
}

/** Ticked choices follow what was posted when a form comes back, otherwise the stored values. */
export const choices = (
  options: { value: string; label: string }[],
  ticked: readonly string[],
): Choice[] => options.map((o) => ({ ...o, checked: ticked.includes(o.value) }));

/** '' and missing become null: an empty optional input means "no value". */
export const blankToNull = (v: unknown): string | null =>
  typeof v === 'string' && v.trim() !== '' ? v : null;
