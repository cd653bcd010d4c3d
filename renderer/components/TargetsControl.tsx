import { useRef, useState } from 'react';
import { useViewText } from '../i18n/views-messages.js';
import { platform } from '../platform/index.js';
import { chooseTargetsFile, restoreBundledTargets, useTargets } from '../state/targets.js';

const FILTERS = [{ name: 'Mục tiêu kế hoạch · Plan targets', extensions: ['csv', 'xlsx', 'xls'] }];

/**
 * Which plan targets the cards are judged against, and the way to use another plan's file
 * (the columns of shared/data/plan-targets-2026.csv, in CSV or XLSX); kept in the workspace.
 */
export function TargetsControl() {
  const { tv } = useViewText();
  const { file, targets, problem } = useTargets();
  const [error, setError] = useState<string | null>(null);
  const openButton = useRef<HTMLButtonElement>(null);
  const [busy, setBusy] = useState(false);
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const open = () =>
    run(async () => {
      const [chosen] = await platform.chooseFiles({ multiple: false, filters: FILTERS });
      if (chosen) await chooseTargetsFile(chosen.name, await platform.readFile(chosen.id));
    });
  return (
    <div className="targets-source" data-testid="targets-source">
      <span>
        {tv('planTargets')}: <strong>{file ?? tv('targetsBundled')}</strong> · {targets.length} {tv('targetsCount')}
      </span>
      <button ref={openButton} type="button" className="secondary" onClick={() => void open()} disabled={busy}>
        {tv('targetsOpen')}
      </button>
      {file && (
        <button
          type="button"
          className="secondary"
          disabled={busy}
          onClick={() =>
            // This button goes away: keep the keyboard focus on the control.
            void run(restoreBundledTargets).then(() => openButton.current?.focus())
          }
        >
          {tv('targetsReset')}
        </button>
      )}
      {(error ?? problem) && (
        <p className="error" role="alert">
          {tv(error ? 'targetsFailed' : 'targetsSavedUnusable')}: {error ?? problem}
        </p>
      )}
    </div>
  );
}
