import { useEffect } from 'react';
import { useLang } from '../i18n/context.js';
import { openDemo, useSession } from '../state/session.js';

let demoRequested = false;

export function OverviewView() {
  const { tr } = useLang();
  const session = useSession();
  useEffect(() => {
    if (!demoRequested) {
      demoRequested = true;
      void openDemo();
    }
  }, []);
  return (
    <section className="panel" aria-busy={session.status === 'starting'}>
      <h2>{tr('demoTitle')}</h2>
      {session.status === 'starting' && <p>{tr('loadingDemo')}</p>}
      {session.status === 'error' && (
        <p className="error" role="alert">
          {tr('error')}: {session.error}
        </p>
      )}
      {session.status === 'ready' && <p data-testid="session-ready">{session.name}</p>}
    </section>
  );
}
