import { describeIssues, type ValidationIssue } from '@watchfloor/shared';
import type { ConfigProblem } from './desktop-config';

/**
 * Pages the shell shows instead of the console when it cannot run it: a wrong configuration (which file,
 * which field, what was expected, who can fix it) or a renderer that keeps crashing. Served as data: URLs
 * with their own CSP (no script at all) in a window without a preload.
 */
const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Watchfloor: ${escapeHtml(title)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;background:#0b0f14;color:#e6edf3;margin:3rem}
code{background:#1b2430;padding:0 .3em;border-radius:3px}h1{font-size:1.4rem}</style></head>
<body><main role="alert"><h1>${escapeHtml(title)}</h1>
${body}
</main></body></html>`;
}

export function toDataUrl(html: string): string {
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}

function issueLine(issue: ValidationIssue): string {
  const field = issue.path === '' ? 'the file as a whole' : `field <code>${escapeHtml(issue.path)}</code>`;
  return `<li>${field}: ${escapeHtml(issue.message)}</li>`;
}

/** One line for the log. */
export function configErrorText(problem: ConfigProblem): string {
  return `configuration in ${problem.file} is not valid: ${describeIssues(problem.issues)}`;
}

export function configErrorPage(problem: ConfigProblem): string {
  const remedy = problem.file.endsWith('settings.json')
    ? 'Correct or delete this workstation settings file (the bureau settings then apply), and start Watchfloor again.'
    : 'Ask your bureau IT to correct this file, or to reinstall with a valid bureau configuration, then start Watchfloor again.';
  return page(
    'Watchfloor cannot start: the configuration is not valid',
    `<p>File: <code>${escapeHtml(problem.file)}</code></p>
<ul>${problem.issues.map(issueLine).join('')}</ul>
<p>${remedy}</p>`,
  );
}

export function crashLoopPage(logsFolder: string): string {
  return page(
    'The Watchfloor console keeps crashing',
    `<p>It was restarted several times within a minute and crashed again each time, so it was not restarted again.</p>
<p>Alerts are still handled on the hub and by other workstations. Restart Watchfloor; if this happens again,
send the logs from <code>${escapeHtml(logsFolder)}</code> to your bureau IT.</p>`,
  );
}

export function hubFailedPage(reason: string, logsFolder: string): string {
  return page(
    'The demo hub could not start',
    `<p>${escapeHtml(reason)}</p>
<p>Restart Watchfloor. If this happens again, send the logs from <code>${escapeHtml(logsFolder)}</code> to your
bureau IT, or ask them to configure the bureau's hub (<code>hubUrl</code> in the bureau configuration).</p>`,
  );
}
