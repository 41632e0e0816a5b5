import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { initI18n } from './i18n';
import { languageFor } from './i18n/language-choice';
import { loadAppInfo } from './platform';
import { ROOT_ERROR_OPTIONS } from './shell/PanelBoundary';
import './styles/app.css';

async function start(): Promise<void> {
  const [appInfo] = await Promise.all([loadAppInfo(), initI18n(languageFor(undefined))]);
  createRoot(document.getElementById('root')!, ROOT_ERROR_OPTIONS).render(
    <StrictMode>
      <App appInfo={appInfo} />
    </StrictMode>,
  );
}

void start();
