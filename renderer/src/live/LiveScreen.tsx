import { mayActOnAlerts, mayReplay, visibleWindow, type Alert, type AlertStatus, type Operation } from '@watchfloor/shared';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AlarmControls, useAlarm } from '../alarm';
import { AlertDetail } from '../detail/AlertDetail';
import { isPending } from '../data/live-store';
import { nextNeedingAction } from '../queue/next-alert';
import { actionAvailability, type ActionKind, type Unavailable } from '../shortcuts/availability';
import { ShortcutHint, type Hint } from '../shortcuts/ShortcutHint';
import { useWorkstationFlag } from '../shell/workstation-setting';
import { EscalateDialog, NoteDialog, ResolveDialog, ShortcutsDialog } from '../dialogs/CommandDialogs';
import { DoNotDisturbControl } from '../desktop';
import { boundsOf, framingCheckpoints, framingCountries, useMapPicture, WorldMap, type MapFilters } from '../map';
import { displayZone } from '../i18n/display-zone';
import { desktopBridge } from '../platform';
import { AlertQueue } from '../queue/AlertQueue';
import { refusalText } from '../i18n/coded-text';
import { describeSkipped, planBulkAcknowledge } from '../queue/bulk-acknowledge';
import { DEFAULT_QUEUE_FILTER, type QueueFilter } from '../queue/queue-model';
import { EmptyState, Panel } from '../shell/Panel';
import { PanelBoundary } from '../shell/PanelBoundary';
import { OperationStatus } from '../status/OperationStatus';
import { MapFilterBar } from './MapFilterBar';
import { Notices } from './Notices';
import { OutageBanner, useFreshness } from './OutageBanner';
import { pictureClock } from '../data/staleness';
import { TimelinePanel, useTimelineSnapshot } from './TimelinePanel';
import { ModeBand, TimelineShortcuts, togglePlayAction, viewModeOf } from '../replay';
import { mapImage } from '../map/snapshot';
import { TopBar } from './TopBar';
import { useConsoleKeys } from './console-keys';
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
  const closeDialog = useCallback(() => setDialog(undefined), []);
  const [singleKeysOn, setSingleKeysOn] = useWorkstationFlag('single-key-shortcuts', true);
  const [hint, setHint] = useState<Hint | undefined>(undefined);

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
  const viewMode = replay === undefined ? 'live' : viewModeOf(replay.player);
  const state = past?.picture ?? liveState;
  /** Ages, deadlines and rates are measured on one clock: live, the moment the picture is as of, or the moment looked at. */
  const freshness = useFreshness(snapshot, now);
  const clock = pictureClock(now, freshness, past?.player.currentTime);
  const checkpointName = useCallback((id: string) => state.checkpoints.get(id)?.name ?? id, [state.checkpoints]);
  const checkpoints = useMemo(() => [...state.checkpoints.values()], [state.checkpoints]);
  const operation = useMemo(() => currentOperation(state.operations), [state.operations]);
  const views = useScreenViews(past?.picture, filter, officer, operation?.id);
  const { rows, counts } = views.queue;
  const { desktopSummary } = views;
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
  const [alarmSoundOn, setAlarmSoundOn] = useWorkstationFlag('alarm-sound', true);
  const [doNotDisturbUntil, setDoNotDisturbUntil] = useState<number | undefined>(undefined);
  const watchesAlerts = !props.wall && mayActOnAlerts(officer);
  const alarmAnnouncement = useAlarm(desktopSummary, {
    watchesAlerts,
    doNotDisturb: doNotDisturbUntil !== undefined && doNotDisturbUntil > now,
    soundOn: alarmSoundOn,
    desktopShell: bridge !== undefined,
    pictureReady: (snapshot.hello !== undefined || snapshot.fromCache) && snapshot.loading === undefined,
  });
  useEffect(() => {
    if (bridge === undefined || props.wall) return;
    // Always the live alerts: a shift lead looking at the past must still be told of what happens now.
    void bridge.reportAlerts(desktopSummary).catch(() => undefined);
  }, [bridge, desktopSummary, props.wall]);
  useEffect(() => bridge?.onFocusAlert((alertId) => setSelectedId(alertId)), [bridge]);

  /** Says, briefly and without a dialog, why an action did not open. */
  const explain = useCallback(
    (kind: ActionKind, unavailable: Unavailable) => {
      const reason = unavailable.why === 'rule' ? refusalText(t, unavailable.refusal) : t(`unavailable.${unavailable.why}`, { role: t(`roles.${officer.role}`) });
      setHint((previous) => ({ text: t('unavailable.line', { command: t(`commands.${kind}`), reason }), serial: (previous?.serial ?? 0) + 1 }));
    },
    [officer.role, t],
  );

  const act = useCallback(
    (kind: ActionKind) => {
      // The shortcut asks what the button asks, and says why where the button would be disabled.
      const availability = actionAvailability(kind, {
        officer,
        past: past !== undefined,
        readOnly: !mayActOnAlerts(officer),
        selected,
        pending: selected !== undefined && isPending(snapshot, selected.id) !== undefined,
      });
      if (!availability.ok) {
        explain(kind, availability);
        return;
      }
      if (kind !== 'acknowledge') {
        setDialog(kind);
        return;
      }
      const next = nextNeedingAction(rows, availability.alert, officer);
      commands.acknowledge(availability.alert.id);
      if (next !== undefined) setSelectedId(next.id);
    },
    [commands, explain, officer, past, rows, selected, snapshot],
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
      const values = { count, sent: plan.send.length, reasons: describeSkipped(t, plan.skipped) };
      session.store.addNotice({ id: 'bulk-acknowledge', key: 'bulkSkipped', values, tone: 'info' });
    }
    setChecked(new Set());
  }, [checked, commands, officer, session, state.alerts, t]);

  useConsoleKeys({
    enabled: !props.wall,
    dialogOpen: dialog !== undefined,
    singleKeysOn,
    handlers: {
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
      x: () => selectedId !== undefined && toggleChecked(selectedId),
      m: () => setFilter((previous) => ({ ...previous, mine: !previous.mine })),
      '/': () => document.getElementById('queue-search')?.focus(),
      '?': () => setDialog('shortcuts'),
      ...(timeline && replay
        ? {
            p: () => timeline.dispatch(togglePlayAction(replay.player)),
            l: () => replay.player.capabilities.returnToLive && timeline.dispatch({ type: 'return-to-live' }),
            t: () => document.getElementById('timeline-bar')?.focus(),
          }
        : {}),
    },
  });

  // Keys act where the officer works on alerts, so the console opens with the focus in the queue.
  useEffect(() => {
    if (!props.wall && (document.activeElement === null || document.activeElement === document.body)) document.getElementById('alert-queue-list')?.focus();
  }, [props.wall]);

  const liveWindow = useMemo(() => {
    const hits = session.hits();
    const minute = Math.floor(now / 60_000) * 60_000;
    // Every hit held, those reported from before the operation's start included, up to a little past now.
    return { startMs: Math.min(hits.originMs, hits.earliestMs), endMs: minute + 120_000, trailMs: TRAIL_MS };
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
    </Panel>
  );
  // Docked along the foot of the console, for those who may replay: always in view, never scrolled to.
  const timelineDock = timeline && replay && (
    <section className="panel panel--timeline" aria-label={t('panels.timeline')}>
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
    </section>
  );
  const status = (
    <Panel id="status" title={t('panels.status')}>
      <PanelBoundary panel="status">
        <OperationStatus
          operation={operation}
          checkpoints={checkpoints}
          figures={views.figures}
          hitRate={views.hitRate}
          clock={clock}
          scoped={officer.scope !== undefined}
        />
      </PanelBoundary>
    </Panel>
  );

  return (
    <div className={`shell shell--${viewMode}${props.wall ? ' shell--wall' : ''}`}>
      <PanelBoundary panel="topBar">
        <TopBar
          snapshot={snapshot}
          operation={operation}
          now={now}
          viewMode={viewMode}
          freshness={freshness}
          onSignOut={props.onSignOut}
          onHelp={() => setDialog('shortcuts')}
          wall={props.wall}
        >
          {bridge !== undefined && !props.wall && (
            <DoNotDisturbControl
              bridge={bridge}
              timeZone={displayZone()}
              onChange={(status) => {
                const until = status.active ? status.until : undefined;
                setDoNotDisturbUntil(until);
                session.setDoNotDisturb(until);
              }}
            />
          )}
          {watchesAlerts && <AlarmControls soundOn={alarmSoundOn} onSound={setAlarmSoundOn} offerNotifications={bridge === undefined} />}
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
      <div className="bands">
        <OutageBanner freshness={freshness} now={now} />
        {timeline && replay && <ModeBand player={replay.player} onReturnToLive={() => timeline.dispatch({ type: 'return-to-live' })} />}
      </div>
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
              <WallFigures figures={wallFigures(counts, clock.at)} />
            )}
          </section>
          {map}
          {status}
        </main>
      ) : (
        <main className={timelineDock ? 'workspace workspace--timeline' : 'workspace'}>
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
                clock={clock}
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
          {timelineDock}
        </main>
      )}
      <PanelBoundary panel="dialog" retryOn={dialog}>
        {dialog === 'escalate' && selected && (
          <EscalateDialog
            alert={selected}
            onClose={closeDialog}
            onSubmit={(level, reason) => {
              commands.escalate(selected.id, level, reason);
              closeDialog();
            }}
          />
        )}
        {dialog === 'resolve' && selected && (
          <ResolveDialog
            alert={selected}
            officer={officer}
            checkpointName={checkpointName(selected.hit.checkpointId)}
            onClose={closeDialog}
            onSubmit={(outcome, comment) => {
              commands.resolve(selected.id, outcome, comment);
              closeDialog();
            }}
          />
        )}
        {dialog === 'note' && selected && (
          <NoteDialog
            onClose={closeDialog}
            onSubmit={(text) => {
              commands.note(selected.id, text);
              closeDialog();
            }}
          />
        )}
        {dialog === 'shortcuts' && (
          <ShortcutsDialog onClose={closeDialog} singleKeysOn={singleKeysOn} onSingleKeys={setSingleKeysOn}>
            {timeline && <TimelineShortcuts />}
          </ShortcutsDialog>
        )}
      </PanelBoundary>
      {!props.wall && <ShortcutHint hint={hint} />}
      <p className="visually-hidden" role="alert" aria-live="assertive" data-testid="alarm-announcement">
        {alarmAnnouncement}
      </p>
    </div>
  );
}
