import { translate, type Language } from '../i18n/i18n.js';
import { formatValue } from '../objectives/objective-chart.js';
import type { ObjectiveView } from '../objectives/objective-views.js';
import { riskHeatMap } from '../risks/risk-heatmap-chart.js';
import { isHigh } from '../risks/risk-rules.js';
import { RISK_LEVELS, type RiskLevel } from '../risks/risk-types.js';
import type { RiskHeatMapView, RiskView } from '../risks/risk-views.js';
import { trustedSvg } from './report-templates.js';

/** What the gap report shows of a unit's risks (6.1) and objectives (6.2). */
export interface QualityPlanData {
  heatMap: RiskHeatMapView;
  risks: RiskView[];
  objectives: ObjectiveView[];
}

/**
 * The report section "risks and quality objectives" (templates/reports/partials/quality-plan.hbs):
 * the heat map of open risks, the high and extreme ones with their treatment, and each objective
 * on or off track. Pure: data in, context out.
 */
export function qualityPlanSection(data: QualityPlanData, lang: Language) {
  const t = (key: string, params?: Record<string, string | number>) => translate(lang, key, params);
  const levels = Object.fromEntries(RISK_LEVELS.map((l) => [l, t(`risk.level.${l}`)])) as Record<
    RiskLevel,
    string
  >;
  const risks = data.risks.filter((r) => r.kind === 'risk');
  return {
    heading: t('report.quality_plan.risks'),
    heatMap: trustedSvg(
      riskHeatMap(
        data.heatMap.cells,
        data.heatMap.risks,
        {
          title: t('risk.heatmap_risks'),
          likelihood: t('risk.likelihood'),
          impact: t('risk.impact'),
          levels,
        },
        lang,
      ),
    ),
    riskCount: t('report.quality_plan.risk_count', {
      risks: risks.length,
      opportunities: data.risks.length - risks.length,
    }),
    highRisks: risks
      .filter((r) => isHigh(r.level))
      .map((r) => ({
        code: r.code,
        title: r.title,
        level: levels[r.level],
        treatment: r.treatment
          ? t(`risk.treatment.${r.treatment}`)
          : t('report.quality_plan.untreated'),
        residual: r.residualLevel ? levels[r.residualLevel] : '–',
      })),
    objectivesHeading: t('report.quality_plan.objectives'),
    objectives: data.objectives.map((o) => ({
      code: o.code,
      statement: o.statement,
      target: `${o.direction === 'at_least' ? '≥' : '≤'} ${formatValue(o.target, lang)} ${o.unitOfMeasure}`,
      latest: o.latest ? `${formatValue(o.latest.value, lang)} (${o.latest.period})` : '–',
      state: t(`objective.state.${o.state}`),
      onTrack: o.state === 'on_track',
    })),
    empty: {
      risks: data.risks.length === 0 ? t('risk.none') : null,
      objectives: data.objectives.length === 0 ? t('objective.none') : null,
    },
  };
}
