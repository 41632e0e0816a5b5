import { useTranslation } from 'react-i18next';
import { Dialog } from '../dialogs/Dialog';

/** Before signing out with commands still queued: they stay and go at the next sign-in, or the officer waits. */
export function SignOutQueued(props: { readonly count: number; readonly onSignOut: () => void; readonly onWait: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog
      title={t('signIn.signOutQueued.title')}
      submitLabel={t('signIn.signOutQueued.signOut')}
      cancelLabel={t('signIn.signOutQueued.wait')}
      onSubmit={props.onSignOut}
      onClose={props.onWait}
      testId="sign-out-queued"
    >
      <p>{t('signIn.signOutQueued.body', { count: props.count })}</p>
    </Dialog>
  );
}
