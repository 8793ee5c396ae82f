/** アウトリーチ: SMEs to approach, through which organisation and person, with which programme. */
import { useStore } from '../app/context';
import { formatScore } from '../format';
import { getLang, reasonText, t } from '../i18n';
import { Score } from '../ui';
import { Reasons } from './KeyPersons';
import { ListPanel, NodeButton } from './ListPanel';

export function Outreach() {
  const store = useStore();
  const s = store.view.state.value;
  const data = store.outreach.state.value;
  const ja = getLang() === 'ja';
  const programme = (o: { programmeJa: string; programmeEn: string }) =>
    ja ? o.programmeJa || o.programmeEn : o.programmeEn || o.programmeJa;
  return (
    <ListPanel
      intro={t('out.intro')}
      notice={s.region ? null : t('common.noRegion')}
      data={data}
      csv={{
        title: t('panel.outreach'),
        header: [
          '#',
          t('out.sme'),
          t('out.priority'),
          t('out.viaOrg'),
          t('out.viaPerson'),
          t('out.programme'),
          t('kp.reasons'),
        ],
        rows: () =>
          (data.status === 'ok' ? data.value : []).map((o, i) => [
            i + 1,
            o.smeName,
            formatScore(o.priority),
            o.viaOrgName ?? '',
            o.viaPersonName ?? '',
            ja ? o.programmeJa : o.programmeEn,
            o.reasons.map((r) => reasonText(r)).join(' / '),
          ]),
      }}
    >
      {(list) => (
        <ol class="items">
          {list.map((o) => (
            <li key={o.smeId} class={`item${s.selected === o.smeId ? ' current' : ''}`}>
              <div class="item-title">
                <NodeButton id={o.smeId} name={o.smeName} />
              </div>
              <div class="metrics">
                <Score label={t('out.priority')} value={o.priority} help={t('out.priority.help')} />
              </div>
              <dl class="fields compact">
                <dt>{t('out.viaOrg')}</dt>
                <dd>
                  {o.viaOrgId ? <NodeButton id={o.viaOrgId} name={o.viaOrgName} /> : t('out.noVia')}
                </dd>
                {o.viaPersonId ? (
                  <>
                    <dt>{t('out.viaPerson')}</dt>
                    <dd>
                      <NodeButton id={o.viaPersonId} name={o.viaPersonName} />
                    </dd>
                  </>
                ) : null}
                <dt>{t('out.programme')}</dt>
                <dd>{programme(o)}</dd>
              </dl>
              <Reasons reasons={o.reasons} label={false} />
            </li>
          ))}
        </ol>
      )}
    </ListPanel>
  );
}
