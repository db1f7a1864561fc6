import { Column, CreateDateColumn, UpdateDateColumn, type ColumnOptions } from 'typeorm';

/*
 * Column helpers that mean the same on SQLite and PostgreSQL. Instants use the engine-neutral
 * `Date` type (SQLite `datetime`, PostgreSQL `timestamp`), always stored in UTC: see
 * database/postgres-utc.ts. Calendar dates (due dates, validity) are `date` columns read as
 * 'YYYY-MM-DD' strings, so no time zone can shift them.
 */
export const InstantColumn = (options: ColumnOptions = {}): PropertyDecorator =>
  Column({ type: Date, ...options });

export const CreatedAtColumn = (): PropertyDecorator => CreateDateColumn({ type: Date });
export const UpdatedAtColumn = (): PropertyDecorator => UpdateDateColumn({ type: Date });

export const DateOnlyColumn = (options: ColumnOptions = {}): PropertyDecorator =>
  Column({ type: 'date', ...options });

export const CodeColumn = (options: ColumnOptions = {}): PropertyDecorator =>
  Column({ type: 'varchar', length: 64, ...options });

export const EnumColumn = (length = 32, options: ColumnOptions = {}): PropertyDecorator =>
  Column({ type: 'varchar', length, ...options });

export const TextColumn = (options: ColumnOptions = {}): PropertyDecorator =>
  Column({ type: 'text', ...options });

export const JsonColumn = (options: ColumnOptions = {}): PropertyDecorator =>
  Column({ type: 'simple-json', ...options });
