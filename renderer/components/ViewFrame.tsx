import { useEffect, useRef, type ReactNode } from 'react';
import { useViewText } from '../i18n/views-messages.js';
import { useResults, type ResultIndex } from '../state/results.js';
import { loadSettings } from '../state/settings.js';
import { loadTargets } from '../state/targets.js';
import { useSession } from '../state/session.js';
import { useCubeProgress } from '../state/cube-progress.js';
import './views.css';

/**
 * Every analysis view's frame: loads the workspace's settings and shows the view once the indicators are computed (cached afterwards).
 */
export function ViewFrame({ title, children }: { title: string; children: (index: ResultIndex) => ReactNode }) {
  const { tv } = useViewText();
  const session = useSession();
  const results = useResults();
  const cube = useCubeProgress();

  useEffect(() => {
    if (session.status === 'ready') {
      void loadSettings();
      void loadTargets();
    }
  }, [session.status, session.name]);

  // The last results of this workspace's data stay on screen while another pooling or
  // life-table method is computed: the view and its controls are not unmounted, so the
  // keyboard focus stays on the control just changed (and nothing jumps).
  const last = useRef<{ data: string; index: ResultIndex } | null>(null);
  const data = `${session.name}|${session.revision}`;
  if (results.status === 'ready') last.current = { data, index: results.value };
  const shown = results.status === 'ready' ? results.value : results.status === 'loading' && last.current?.data === data ? last.current.index : null;
  const busy = results.status === 'loading';

  // A cube being built (seconds for a large province) shows its steps; otherwise the computation.
  const progress = cube ? (
    <>
      <span id="cube-progress-text">
        {tv('buildingCube')} {cube.done}/{cube.total}
      </span>{' '}
      <progress aria-labelledby="cube-progress-text" max={cube.total} value={cube.done} />
    </>
  ) : (
    tv('computing')
  );

  let body: ReactNode;
  if (session.status !== 'ready') body = <p aria-busy="true">{session.status === 'error' ? session.error : tv('waiting')}</p>;
  else if (shown && shown.years.length > 0) {
    // One shape whether busy or not (the status line's slot stays), so React keeps the view.
    body = (
      <>
        {busy ? (
          <div role="status" aria-busy="true" data-testid="computing" className="note cube-progress">
            {progress}
          </div>
        ) : null}
        <div className="view-body" aria-busy={busy || undefined} data-stale={busy || undefined}>
          {children(shown)}
        </div>
      </>
    );
  } else if (results.status === 'loading') {
    body = (
      <div role="status" aria-busy="true" data-testid="computing" className="cube-progress">
        {progress}
      </div>
    );
  }
  else if (results.status === 'error') body = <p className="error" role="alert">{results.error}</p>;
  else body = <p>{tv('noData')}</p>;
  return (
    <section className="panel view" aria-labelledby="view-title">
      <h2 id="view-title">{title}</h2>
      {body}
    </section>
  );
}
