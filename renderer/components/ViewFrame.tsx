import { useEffect, type ReactNode } from 'react';
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

  let body: ReactNode;
  if (session.status !== 'ready') body = <p aria-busy="true">{session.status === 'error' ? session.error : tv('waiting')}</p>;
  else if (results.status === 'loading') {
    body = cube ? (
      <div aria-busy="true" data-testid="computing" className="cube-progress">
        <p id="cube-progress-text">
          {tv('buildingCube')} {cube.done}/{cube.total}
        </p>
        <progress aria-labelledby="cube-progress-text" max={cube.total} value={cube.done} />
      </div>
    ) : (
      <p aria-busy="true" data-testid="computing">{tv('computing')}</p>
    );
  }
  else if (results.status === 'error') body = <p className="error" role="alert">{results.error}</p>;
  else if (results.value.years.length === 0) body = <p>{tv('noData')}</p>;
  else body = children(results.value);
  return (
    <section className="panel view" aria-labelledby="view-title">
      <h2 id="view-title">{title}</h2>
      {body}
    </section>
  );
}
