import { mayAct, mayActOnAlerts, mayReplay, visibleWindow, type Alert, type AlertStatus, type Operation } from '@watchfloor/shared';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AlertDetail, type ActionKind } from '../detail/AlertDetail';
import { EscalateDialog, NoteDialog, ResolveDialog, ShortcutsDialog } from '../dialogs/CommandDialogs';
import { DoNotDisturbControl } from '../desktop';
import { boundsOf, framingCheckpoints, framingCountries, useMapPicture, WorldMap, type MapFilters } from '../map';
import { displayZone } from '../i18n/display-zone';
import { desktopBridge } from '../platform';
import { AlertQueue } from '../queue/AlertQueue';
import { describeSkipped, planBulkAcknowledge } from '../queue/bulk-acknowledge';
import { DEFAULT_QUEUE_FILTER, type QueueFilter } from '../queue/queue-model';
import { EmptyState, Panel } from '../shell/Panel';
import { PanelBoundary } from '../shell/PanelBoundary';
import { OperationStatus } from '../status/OperationStatus';
import { MapFilterBar } from './MapFilterBar';
import { Notices } from './Notices';
import { TimelinePanel, useTimelineSnapshot } from './TimelinePanel';
import { mapImage } from '../map/snapshot';
import { TopBar } from './TopBar';
import { useCommands, useLive, useNow, useSession } from './hooks';
import { useScreenViews } from './screen-views';
import { awaitingFirstPicture } from './first-picture';
import { wallFigures } from './wall';
import { WallFigures } from './WallFigures';

/**
 * The duty officer's screen: queue, map, detail and operation status, driven by keyboard first.
 * `wall` is the read-only wall display: map and status only, nothing to act on. Each panel, the top bar,
 * the notices and the dialogs sit in their own `PanelBoundary`, so one that fails leaves the rest working.
 */
type OpenDialog = 'escalate' | 'resolve' | 'note' | 'shortcuts' | undefined;

const TRAIL_MS = 30 * 60_000;

function mapFiltersFor(filter: QueueFilter): MapFilters {
  const statuses: Record<QueueFilter['status'], readonly AlertStatus[] | undefined> = {
    open: ['new', 'acknowledged', 'escalated', 'confirmation-pending'],
    unacknowledged: ['new', 'escalated'],
    resolved: ['resolved'],
    all: undefined,
  };
  return {
    ...(filter.severities.length > 0 ? { severities: filter.severities } : {}),
    ...(statuses[filter.status] ? { statuses: statuses[filter.status]! } : {}),
    ...(filter.sources.length > 0 ? { sources: filter.sources } : {}),
    ...(filter.countries.length > 0 ? { countries: filter.countries } : {}),
    ...(filter.kinds.length > 0 ? { checkpointKinds: filter.kinds } : {}),
  };
}

/** The active operation, or the first one known. */
function currentOperation(operations: ReadonlyMap<string, Operation>): Operation | undefined {
  return [...operations.values()].find((op) => op.status === 'active') ?? [...operations.values()][0];
}

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

export function LiveScreen(props: {
  readonly wall: boolean;
  readonly onSignOut: () => void;
  /** Opens the data-protection view, for an officer who may review the audit trail (an admin). */
  readonly onDataProtection?: (() => void) | undefined;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const snapshot = useLive();
  const now = useNow(1000);
  const commands = useCommands();
  const officer = session.officer;
  const [filter, setFilter] = useState<QueueFilter>(DEFAULT_QUEUE_FILTER);
  const [selectedId, setSelectedId] = useState<string | undefined>(undefined);
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set());
  const [dialog, setDialog] = useState<OpenDialog>(undefined);

  const liveState = snapshot.state;
  // Supervisors replay the operation; the timeline needs its start, so it waits for the operation.
  const canReplay = !props.wall && mayReplay(officer);
  const liveOperation = useMemo(() => currentOperation(liveState.operations), [liveState.operations]);
  const operationWindow = liveOperation?.window;
  const concluded = liveOperation?.status === 'concluded';
  const timeline = useMemo(
    () => (canReplay && operationWindow !== undefined ? session.timeline(operationWindow, concluded) : undefined),
    [canReplay, operationWindow, concluded, session],
  );
  const replay = useTimelineSnapshot(timeline);
  /** Looking at the past (replay or a paused live view): the picture at that moment, and no commands. */
  const past = replay?.player.mode === 'replay' ? replay : undefined;
  const state = past?.picture ?? liveState;
  /** Ages, deadlines and rates are measured from the moment on screen. */
  const shownNow = past?.player.currentTime ?? now;
  const checkpointName = useCallback((id: string) => state.checkpoints.get(id)?.name ?? id, [state.checkpoints]);
  const views = useScreenViews(past?.picture, filter, officer);
  const { rows, counts } = views.queue;
  const { desktopSummary } = views;
  const checkpoints = useMemo(() => [...state.checkpoints.values()], [state.checkpoints]);
  const operation = useMemo(() => currentOperation(state.operations), [state.operations]);
  const readOnlyReason = !mayActOnAlerts(officer)
    ? t('readOnly.role', { role: t(`roles.${officer.role}`) })
    : past
      ? t('readOnly.replay')
      : undefined;
  const selected: Alert | undefined = selectedId === undefined ? undefined : state.alerts.get(selectedId);
  const selectedIndex = selected === undefined ? -1 : rows.indexOf(selected);

  // Keep a selection while there are rows, so the keyboard always has something to act on.
  useEffect(() => {
    if (selectedId === undefined && rows.length > 0 && !props.wall) setSelectedId(rows.at(0).id);
  }, [rows, selectedId, props.wall]);

  // The desktop shell raises native notifications and the tray count from this summary.
  const bridge = desktopBridge();
  useEffect(() => {
    if (bridge === undefined || props.wall) return;
    // Always the live alerts: a shift lead looking at the past must still be told of what happens now.
    void bridge.reportAlerts(desktopSummary).catch(() => undefined);
  }, [bridge, desktopSummary, props.wall]);
  useEffect(() => bridge?.onFocusAlert((alertId) => setSelectedId(alertId)), [bridge]);

  const act = useCallback(
    (kind: ActionKind) => {
      if (past) {
        session.store.addNotice({ id: 'replay-command', key: 'replayCommand', tone: 'info' });
        return;
      }
      if (readOnlyReason || selected === undefined) return;
      // The shortcut asks what the button asks, and says why where the button would be disabled.
      const decision = mayAct(officer, kind, selected);
      if (!decision.ok) {
        const values = { command: t(`commands.${kind}`), reason: decision.message };
        session.store.addNotice({ id: 'command-unavailable', key: 'commandUnavailable', values, tone: 'warning' });
        return;
      }
      if (kind === 'acknowledge') commands.acknowledge(selected.id);
      else setDialog(kind);
    },
    [commands, officer, past, readOnlyReason, selected, session, t],
  );

  const move = useCallback(
    (delta: number) => {
      if (rows.length === 0) return;
      const next = Math.min(rows.length - 1, Math.max(0, (selectedIndex < 0 ? 0 : selectedIndex) + delta));
      setSelectedId(rows.at(next).id);
    },
    [rows, selectedIndex],
  );

  // Stable, so the queue's rows re-render only when what they show changed.
  const openAlert = useCallback((id: string) => {
    setSelectedId(id);
    document.getElementById('alert-detail-panel')?.focus();
  }, []);
  const toggleChecked = useCallback(
    (id: string) =>
      setChecked((previous) => {
        const next = new Set(previous);
        if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      }),
    [],
  );

  const bulkAcknowledge = useCallback(() => {
    const plan = planBulkAcknowledge(officer, checked, state.alerts);
    for (const id of plan.send) commands.acknowledge(id);
    if (plan.skipped.length > 0) {
      const count = plan.skipped.reduce((sum, group) => sum + group.alertIds.length, 0);
      const values = { count, sent: plan.send.length, reasons: describeSkipped(plan.skipped) };
      session.store.addNotice({ id: 'bulk-acknowledge', key: 'bulkSkipped', values, tone: 'info' });
    }
    setChecked(new Set());
  }, [checked, commands, officer, session, state.alerts]);

  useEffect(() => {
    if (props.wall) return;
    const onKey = (event: KeyboardEvent) => {
      if (dialog !== undefined || isTyping(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      const handlers: Record<string, () => void> = {
        j: () => move(1),
        ArrowDown: () => move(1),
        k: () => move(-1),
        ArrowUp: () => move(-1),
        Enter: () => document.getElementById('alert-detail-panel')?.focus(),
        a: () => act('acknowledge'),
        A: () => !readOnlyReason && bulkAcknowledge(),
        e: () => act('escalate'),
        r: () => act('resolve'),
        n: () => act('note'),
        x: () =>
          selectedId &&
          setChecked((previous) => {
            const next = new Set(previous);
            if (next.has(selectedId)) next.delete(selectedId);
            else next.add(selectedId);
            return next;
          }),
        m: () => setFilter((previous) => ({ ...previous, mine: !previous.mine })),
        '/': () => document.getElementById('queue-search')?.focus(),
        '?': () => setDialog('shortcuts'),
      };
      const handler = handlers[event.key];
      if (handler === undefined) return;
      event.preventDefault();
      handler();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [act, bulkAcknowledge, dialog, move, props.wall, readOnlyReason, selectedId]);

  const liveWindow = useMemo(() => {
    const origin = session.hits().originMs;
    const minute = Math.floor(now / 60_000) * 60_000;
    return { startMs: origin, endMs: minute + 120_000, trailMs: TRAIL_MS };
  }, [session, now]);
  // In the past the time window moves on the GPU with the playhead; nothing is re-uploaded.
  const pastPlayer = past?.player;
  const mapWindow = useMemo(() => (pastPlayer ? visibleWindow(pastPlayer) : liveWindow), [pastPlayer, liveWindow]);
  const mapFilters = useMemo(() => mapFiltersFor(filter), [filter]);
  // The map shows the picture the rest of the screen shows: the moment looked at, or live.
  const mapProjection = session.mapProjection();
  const pastPicture = past?.picture === undefined || timeline === undefined ? undefined : { at: past.player.currentTime, alerts: past.picture.alerts, log: timeline.index };
  const pictureRevision = useMapPicture(mapProjection, pastPicture, () => session.store.getSnapshot().confirmed.alerts);

  const countries = useMemo(() => [...new Set(checkpoints.map((checkpoint) => checkpoint.country))].sort(), [checkpoints]);
  // The map starts on the operation: the officer's own country, or the countries that run the operation.
  const home = useMemo(() => boundsOf(framingCheckpoints(checkpoints, framingCountries(officer, liveOperation))), [checkpoints, officer, liveOperation]);
  const hostKey = props.wall ? liveOperation?.hostCountries?.join(',') : undefined;
  const emphasised = useMemo(() => (hostKey === undefined ? undefined : hostKey.split(',')), [hostKey]);
  const map = (
    <Panel id="map" title={t('panels.map')}>
      <PanelBoundary panel="map">
        {!props.wall && <MapFilterBar filter={filter} onFilter={setFilter} countries={countries} />}
        {snapshot.hello === undefined && !snapshot.fromCache ? (
          <EmptyState>{t('empty.map')}</EmptyState>
        ) : (
          <WorldMap
            hits={mapProjection.hits}
            revision={session.hitsRevision() + pictureRevision}
            checkpoints={checkpoints}
            selectedAlertId={selectedId}
            onSelectAlert={props.wall ? undefined : setSelectedId}
            filters={mapFilters}
            window={mapWindow}
            home={home}
            emphasised={emphasised}
            legend={props.wall ? 'strip' : 'folded'}
            center={[5, 12]}
            zoom={props.wall ? 2.2 : 3.2}
          />
        )}
      </PanelBoundary>
      {timeline && replay && (
        <PanelBoundary panel="timeline">
          <TimelinePanel
            timeline={timeline}
            snapshot={replay}
            operation={operation}
            liveState={liveState}
            checkpointName={checkpointName}
            mapImage={(footer) => mapImage(document.getElementById('map-heading')?.closest('section') ?? undefined, footer)}
          />
        </PanelBoundary>
      )}
    </Panel>
  );
  const status = (
    <Panel id="status" title={t('panels.status')}>
      <PanelBoundary panel="status">
        <OperationStatus operation={operation} checkpoints={checkpoints} hitsByMinute={views.hitsByMinute} now={shownNow} />
      </PanelBoundary>
    </Panel>
  );

  return (
    <div className={props.wall ? 'shell shell--wall' : 'shell'}>
      <PanelBoundary panel="topBar">
        <TopBar snapshot={snapshot} operation={operation} now={now} onSignOut={props.onSignOut} onHelp={() => setDialog('shortcuts')} wall={props.wall}>
          {bridge !== undefined && !props.wall && (
            <DoNotDisturbControl
              bridge={bridge}
              timeZone={displayZone()}
              onChange={(status) => session.setDoNotDisturb(status.active ? status.until : undefined)}
            />
          )}
          {props.onDataProtection && !props.wall && (
            <button type="button" className="button button--small" onClick={props.onDataProtection} data-testid="open-data-protection">
              {t('topbar.dataProtection')}
            </button>
          )}
          {bridge !== undefined && !props.wall && (
            <button type="button" className="button button--small" onClick={() => void bridge.openWallMap()}>
              {t('topbar.openWall')}
            </button>
          )}
        </TopBar>
      </PanelBoundary>
      <PanelBoundary panel="notices">
        <Notices snapshot={snapshot} />
      </PanelBoundary>
      {props.wall ? (
        <main className="workspace workspace--wall">
          <section className="panel panel--figures" aria-label={t('wall.figures')}>
            {awaitingFirstPicture(snapshot) ? (
              <p className="empty-state" role="status" data-testid="wall-loading">
                {t('wall.loading')}
              </p>
            ) : (
              <WallFigures figures={wallFigures(counts, shownNow)} />
            )}
          </section>
          {map}
          {status}
        </main>
      ) : (
        <main className="workspace">
          <Panel id="queue" title={t('panels.queue')}>
            <PanelBoundary panel="queue">
              <AlertQueue
                rows={rows}
                counts={counts}
                filter={filter}
                onFilter={setFilter}
                selectedId={selectedId}
                selectedIndex={selectedIndex}
                onSelect={setSelectedId}
                onOpen={openAlert}
                checked={checked}
                onToggleChecked={toggleChecked}
                onBulkAcknowledge={readOnlyReason ? undefined : bulkAcknowledge}
                snapshot={snapshot}
                officer={officer}
                now={shownNow}
                checkpointName={checkpointName}
              />
            </PanelBoundary>
          </Panel>
          {map}
          <Panel id="detail" title={t('panels.detail')}>
            <div id="alert-detail-panel" tabIndex={-1} className="detail-focus">
              <PanelBoundary panel="detail" retryOn={selectedId}>
                {selected ? (
                  <AlertDetail
                    alert={selected}
                    checkpoint={state.checkpoints.get(selected.hit.checkpointId)}
                    officer={officer}
                    snapshot={snapshot}
                    readOnlyReason={readOnlyReason}
                    onAction={act}
                  />
                ) : (
                  <EmptyState>{t('empty.detail')}</EmptyState>
                )}
              </PanelBoundary>
            </div>
          </Panel>
          {status}
        </main>
      )}
      <PanelBoundary panel="dialog" retryOn={dialog}>
        {dialog === 'escalate' && selected && (
          <EscalateDialog
            alert={selected}
            onClose={() => setDialog(undefined)}
            onSubmit={(level, reason) => {
              commands.escalate(selected.id, level, reason);
              setDialog(undefined);
            }}
          />
        )}
        {dialog === 'resolve' && selected && (
          <ResolveDialog
            officer={officer}
            onClose={() => setDialog(undefined)}
            onSubmit={(outcome) => {
              commands.resolve(selected.id, outcome);
              setDialog(undefined);
            }}
          />
        )}
        {dialog === 'note' && selected && (
          <NoteDialog
            onClose={() => setDialog(undefined)}
            onSubmit={(text) => {
              commands.note(selected.id, text);
              setDialog(undefined);
            }}
          />
        )}
        {dialog === 'shortcuts' && <ShortcutsDialog onClose={() => setDialog(undefined)} />}
      </PanelBoundary>
    </div>
  );
}
