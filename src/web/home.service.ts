import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal.js';
import { ScopeService } from '../auth/scope.js';

@Injectable()
export class HomeService {
  constructor(private readonly scope: ScopeService) {}

  async startPage(me: Principal): Promise<string> {
    switch (me.role) {
      case 'quality_officer':
      case 'unit_head': {
        const unit = await this.scope.onlyUnit(me);
        return unit ? `/units/${unit}` : '/units';
      }
      case 'assessor':
        return '/assessments';
      case 'diagnostic_assessor':
        return me.organisationId ? `/organisations/${me.organisationId}/diagnostics` : '/profile';
      case 'management':
      case 'admin':
        return me.organisationId ? `/organisations/${me.organisationId}` : '/units';
    }
  }
}
