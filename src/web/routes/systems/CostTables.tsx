import { useTranslation } from 'react-i18next';
import type { CostLine } from '../../api/types.js';
import { formatSek } from '../../components/format.js';

export function CostTables({ costs }: { costs: CostLine[] }) {
  const { t } = useTranslation();
  if (costs.length === 0) return <p className="muted">{t('costs.none')}</p>;
  const totals = new Map<number, number>();
  // Sum in öre so decimals do not drift.
  for (const c of costs) totals.set(c.year, (totals.get(c.year) ?? 0) + Math.round(c.amountSek * 100));
  const years = [...totals.keys()].sort((a, b) => a - b);
  const rows = [...costs].sort((a, b) => a.year - b.year);
  return (
    <>
      <div className="table-wrap">
        <table className="table">
          <caption>{t('costs.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('costs.year')}</th>
              <th scope="col">{t('costs.category')}</th>
              <th scope="col" className="num">
                {t('costs.amount')}
              </th>
              <th scope="col">{t('costs.note')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c, i) => (
              <tr key={i}>
                <td>{c.year}</td>
                <td>{t(`enums.cost.${c.category}`)}</td>
                <td className="num">{formatSek(c.amountSek)}</td>
                <td>{c.note || '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="table-wrap">
        <table className="table table-narrow">
          <caption>{t('costs.totalsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('costs.year')}</th>
              <th scope="col" className="num">
                {t('costs.total')}
              </th>
            </tr>
          </thead>
          <tbody>
            {years.map((y) => (
              <tr key={y}>
                <th scope="row">{y}</th>
                <td className="num">{formatSek((totals.get(y) ?? 0) / 100)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
