import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NotFound } from '../common/domain-error.js';
import type { LocalisedText } from './catalogue.js';
import { Clause } from './clause.entity.js';
import { buildClauseTree, type ClauseNode } from './clause-tree.js';
import { Standard } from './standard.entity.js';

export interface StandardSummary {
  code: string;
  title: LocalisedText;
  edition: string;
  clauseCount: number;
}

@Injectable()
export class StandardsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(): Promise<StandardSummary[]> {
    const rows = await this.db
      .getRepository(Standard)
      .createQueryBuilder('s')
      .leftJoin('s.clauses', 'c')
      .select([
        's.code AS code',
        's.title_id AS "titleId"',
        's.title_en AS "titleEn"',
        's.edition AS edition',
      ])
      .addSelect('COUNT(c.id)', 'clauseCount')
      .groupBy('s.id')
      .orderBy('s.code')
      .getRawMany<{
        code: string;
        titleId: string;
        titleEn: string;
        edition: string;
        clauseCount: string | number;
      }>();
    return rows.map((r) => ({
      code: r.code,
      title: { id: r.titleId, en: r.titleEn },
      edition: r.edition,
      clauseCount: Number(r.clauseCount),
    }));
  }

  async findByCode(code: string): Promise<Standard> {
    const standard = await this.db.getRepository(Standard).findOneBy({ code });
    if (!standard) throw new NotFound('standard', code);
    return standard;
  }

  async clauseTree(code: string): Promise<ClauseNode[]> {
    const standard = await this.findByCode(code);
    const rows = await this.db.getRepository(Clause).find({ where: { standardId: standard.id } });
    return buildClauseTree(rows);
  }
}
