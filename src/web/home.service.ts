import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal.js';
import { ScopeService } from '../auth/scope.js';

@Injectable()
export class HomeService {
  constructor(private readonly scope: ScopeService) {}

  async startPage(me: Principal): Promise<string> {
    switch (me.role) {
      case 'quality_officer': {
        const units = await this.scope.visibleUnitIds(me);
        return units.length === 1 ? `/units/${units[0]}` : '/units';
      }
      case 'assessor':
        return '/assessments';
      case 'management':
      case 'admin':
        return me.organisationId ? `/organisations/${me.organisationId}` : '/units';
    }
  }
}
