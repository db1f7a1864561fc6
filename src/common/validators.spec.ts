import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validate } from 'class-validator';
import { projectRoot } from '../config/project-root.js';
import { nullSemantics } from './validators.js';

const src = join(projectRoot(), 'src');
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts')
        ? [join(dir, e.name)]
        : [],
  );

/** Every class of the application that carries class-validator rules (request bodies, queries, forms). */
async function validatedClasses(): Promise<{ file: string; type: new () => object }[]> {
  const found: { file: string; type: new () => object }[] = [];
  const storage = getMetadataStorage();
  for (const file of sources(src)) {
    const text = readFileSync(file, 'utf8');
    if (!text.includes("from 'class-validator'") || file.endsWith('configuration.ts')) continue;
    // Page form classes (web/*-forms.ts) take posted text only (FormBodyPipe refuses null) and
    // read a missing input on purpose (an unticked checkbox is false): web/forms.spec.ts checks them.
    if (/[/\\]web[/\\][^/\\]+-forms\.ts$/.test(file)) continue;
    const module = (await import(file)) as Record<string, unknown>;
    for (const value of Object.values(module))
      if (
        typeof value === 'function' &&
        storage.getTargetValidationMetadatas(value, '', true, false).length > 0
      )
        found.push({ file: relative(src, file), type: value as new () => object });
  }
  return found;
}

const OPTIONS = { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: true };

describe('null in a request field', () => {
  it('is refused by @Optional() fields with isNotNull, and accepted by @OptionalNullable() fields', async () => {
    const classes = await validatedClasses();
    expect(classes.length).toBeGreaterThanOrEqual(15);
    const wrong: string[] = [];
    let optional = 0;
    let nullable = 0;
    for (const { file, type } of classes) {
      for (const [field, semantics] of Object.entries(nullSemantics(type))) {
        const errors = await validate(plainToInstance(type, { [field]: null }), OPTIONS);
        const own = errors.find((e) => e.property === field);
        const rules = Object.keys(own?.constraints ?? {});
        if (semantics === 'optional') {
          optional++;
          if (rules.join() !== 'isNotNull')
            wrong.push(`${file} ${type.name}.${field}: null gave [${rules.join()}], not isNotNull`);
        } else {
          nullable++;
          if (own) wrong.push(`${file} ${type.name}.${field}: null refused with [${rules.join()}]`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(optional).toBeGreaterThanOrEqual(35);
    expect(nullable).toBeGreaterThanOrEqual(19);
  });

  it('never meets class-validator’s @IsOptional(), which lets null through as "absent"', () => {
    const users = sources(src)
      .filter((f) => !f.endsWith('configuration.ts'))
      .filter((f) =>
        /import\s*\{[^}]*\bIsOptional\b[^}]*\}\s*from\s*'class-validator'|@IsOptional\(/.test(
          readFileSync(f, 'utf8'),
        ),
      )
      .map((f) => relative(src, f));
    expect(users).toEqual([]);
  });

  it('leaves an absent optional field alone', async () => {
    for (const { type } of await validatedClasses())
      for (const field of Object.keys(nullSemantics(type))) {
        const errors = await validate(plainToInstance(type, {}), OPTIONS);
        expect(errors.find((e) => e.property === field)).toBeUndefined();
      }
  });
});
