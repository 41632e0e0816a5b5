import { useTranslation } from 'react-i18next';
import { formatCount, formatUtcTime } from '../i18n/format';
import type { ChainBanner } from './view-model';

/** The audit chain's state on top of the data-protection view: checking, intact, broken (where and what), or unknown. */
export function ChainState(props: { readonly chain: ChainBanner; readonly onVerify: () => void }) {
  const { t } = useTranslation();
  const { chain } = props;
  const checked = 'checkedAt' in chain ? formatUtcTime(chain.checkedAt, { date: false }) : undefined;
  return (
    <section className={`audit-chain audit-chain--${chain.kind}`} data-testid="chain-state" data-state={chain.kind} aria-live="polite" aria-label={t('dataProtection.chain.label')}>
      <span className="audit-chain__icon" aria-hidden="true">
        {chain.kind === 'intact' ? '✓' : chain.kind === 'broken' ? '✕' : chain.kind === 'unknown' ? '?' : '…'}
      </span>
      <div className="audit-chain__text">
        {chain.kind === 'checking' && <strong>{t('dataProtection.chain.checking')}</strong>}
        {chain.kind === 'unknown' && (
          <>
            <strong>{t('dataProtection.chain.unknown')}</strong>
            <span>{chain.message}</span>
          </>
        )}
        {chain.kind === 'intact' && (
          <>
            <strong>{t('dataProtection.chain.intact', { count: chain.records, records: formatCount(chain.records) })}</strong>
            <span>
              {chain.records > 0 && t('dataProtection.chain.last', { seq: String(chain.lastSeq), hash: chain.lastHash })} {t('dataProtection.chain.checked', { time: checked })}
            </span>
          </>
        )}
        {chain.kind === 'broken' && (
          <>
            <strong>{t('dataProtection.chain.broken', { seq: String(chain.seq), kind: t(`dataProtection.breakKind.${chain.breakKind}`) })}</strong>
            <span className="audit-chain__message">{chain.message}.</span>
            <span>
              {chain.intactBefore > 0 ? t('dataProtection.chain.intactBefore', { last: String(chain.seq - 1) }) : t('dataProtection.chain.noneIntact')}{' '}
              {t('dataProtection.chain.brokenAdvice')} {t('dataProtection.chain.checked', { time: checked })}
            </span>
          </>
        )}
      </div>
      <button type="button" className="button button--small" onClick={props.onVerify} disabled={chain.kind === 'checking'} data-testid="verify-chain">
        {t('dataProtection.chain.verify')} <kbd>{t('dataProtection.keyCap.verify')}</kbd>
      </button>
    </section>
  );
}
