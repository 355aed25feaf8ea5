import { type AssetStage, assetStages } from './asset.js';

/** The facts the content report is computed from (store/content-report.repo.ts loads them). */
export interface ContentFacts {
  assets: ReadonlyArray<{
    id: string;
    title: string;
    stage: AssetStage;
    status: string;
    origin: 'marketing' | 'sales';
    format: string | null;
  }>;
  /** View sessions started in the window. */
  views: ReadonlyArray<{
    assetId: string;
    viewer: string;
    accountId: string | null;
    seconds: number;
    downloads: number;
  }>;
  /** Share links created in the window. */
  shares: ReadonlyArray<{ assetId: string; repId: string | null; repName: string | null }>;
  /** First view of each asset at each account, ever (for influence). */
  firstViews: ReadonlyArray<{ assetId: string; accountId: string; at: Date }>;
  /** Opportunities created in the window. */
  opportunitiesCreated: ReadonlyArray<{ id: string; accountId: string | null; at: Date }>;
  /** Opportunities won in the window, with their amount. */
  opportunitiesWon: ReadonlyArray<{ id: string; accountId: string | null; at: Date; amountCents: number }>;
  /** Assets with any share link or view, ever. */
  everUsed: ReadonlySet<string>;
}

export interface AssetPerformance {
  assetId: string;
  title: string;
  stage: AssetStage;
  status: string;
  origin: 'marketing' | 'sales';
  views: number;
  uniqueViewers: number;
  uniqueAccounts: number;
  seconds: number;
  downloads: number;
  shares: number;
  sharesByRep: Array<{ repId: string | null; repName: string | null; shares: number }>;
  opportunitiesInfluenced: number;
  wonDealsInfluenced: number;
  wonAmountCents: number;
}

export interface StagePerformance {
  stage: AssetStage;
  assets: number;
  views: number;
  uniqueViewers: number;
  uniqueAccounts: number;
  seconds: number;
  shares: number;
  opportunitiesInfluenced: number;
  wonDealsInfluenced: number;
  wonAmountCents: number;
}

export interface ContentReport {
  assets: AssetPerformance[];
  stages: StagePerformance[];
  /** Shared in the window but not made (or not approved) by marketing: what reps reach for. */
  usedNotMade: Array<{
    assetId: string;
    title: string;
    origin: string;
    status: string;
    shares: number;
    views: number;
  }>;
  /** Approved marketing assets nobody ever shared or viewed. */
  madeNotUsed: Array<{ assetId: string; title: string; stage: AssetStage; format: string | null }>;
}

/**
 * An opportunity is influenced by an asset when someone at its account viewed the asset before
 * the opportunity was created (or, for a won deal, before it was won).
 */
export function contentReport(facts: ContentFacts): ContentReport {
  const firstView = new Map<string, Date>();
  for (const f of facts.firstViews) firstView.set(`${f.assetId}|${f.accountId}`, f.at);
  const viewedBefore = (assetId: string, accountId: string | null, at: Date) => {
    if (!accountId) return false;
    const first = firstView.get(`${assetId}|${accountId}`);
    return first !== undefined && first.getTime() < at.getTime();
  };

  const perAsset = new Map<
    string,
    {
      viewers: Set<string>;
      accounts: Set<string>;
      opps: Set<string>;
      won: Map<string, number>;
      views: number;
      seconds: number;
      downloads: number;
      reps: Map<string, { repId: string | null; repName: string | null; shares: number }>;
    }
  >();
  const entry = (assetId: string) => {
    let e = perAsset.get(assetId);
    if (!e) {
      e = {
        viewers: new Set(),
        accounts: new Set(),
        opps: new Set(),
        won: new Map(),
        views: 0,
        seconds: 0,
        downloads: 0,
        reps: new Map(),
      };
      perAsset.set(assetId, e);
    }
    return e;
  };
  for (const v of facts.views) {
    const e = entry(v.assetId);
    e.views++;
    e.viewers.add(v.viewer);
    if (v.accountId) e.accounts.add(v.accountId);
    e.seconds += v.seconds;
    e.downloads += v.downloads;
  }
  for (const s of facts.shares) {
    const e = entry(s.assetId);
    const key = s.repId ?? '';
    const rep = e.reps.get(key) ?? { repId: s.repId, repName: s.repName, shares: 0 };
    rep.shares++;
    e.reps.set(key, rep);
  }
  for (const asset of facts.assets) {
    const e = entry(asset.id);
    for (const o of facts.opportunitiesCreated)
      if (viewedBefore(asset.id, o.accountId, o.at)) e.opps.add(o.id);
    for (const o of facts.opportunitiesWon)
      if (viewedBefore(asset.id, o.accountId, o.at)) e.won.set(o.id, o.amountCents);
  }

  const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);
  const assets: AssetPerformance[] = facts.assets.map((a) => {
    const e = entry(a.id);
    const sharesByRep = [...e.reps.values()].sort((x, y) => y.shares - x.shares);
    return {
      assetId: a.id,
      title: a.title,
      stage: a.stage,
      status: a.status,
      origin: a.origin,
      views: e.views,
      uniqueViewers: e.viewers.size,
      uniqueAccounts: e.accounts.size,
      seconds: e.seconds,
      downloads: e.downloads,
      shares: sum(sharesByRep.map((r) => r.shares)),
      sharesByRep,
      opportunitiesInfluenced: e.opps.size,
      wonDealsInfluenced: e.won.size,
      wonAmountCents: sum(e.won.values()),
    };
  });
  assets.sort((x, y) => y.views - x.views || y.shares - x.shares || x.title.localeCompare(y.title));

  const stages: StagePerformance[] = assetStages.map((stage) => {
    const ids = facts.assets.filter((a) => a.stage === stage).map((a) => a.id);
    const entries = ids.map(entry);
    const union = <T>(pick: (e: (typeof entries)[number]) => Iterable<T>) => {
      const all = new Set<T>();
      for (const e of entries) for (const x of pick(e)) all.add(x);
      return all;
    };
    const won = new Map<string, number>();
    for (const e of entries) for (const [id, amount] of e.won) won.set(id, amount);
    return {
      stage,
      assets: ids.length,
      views: sum(entries.map((e) => e.views)),
      uniqueViewers: union((e) => e.viewers).size,
      uniqueAccounts: union((e) => e.accounts).size,
      seconds: sum(entries.map((e) => e.seconds)),
      shares: sum(entries.map((e) => sum([...e.reps.values()].map((r) => r.shares)))),
      opportunitiesInfluenced: union((e) => e.opps).size,
      wonDealsInfluenced: won.size,
      wonAmountCents: sum(won.values()),
    };
  });

  const usedNotMade = assets
    .filter((a) => (a.origin === 'sales' || a.status !== 'approved') && a.shares > 0)
    .map((a) => ({
      assetId: a.assetId,
      title: a.title,
      origin: a.origin,
      status: a.status,
      shares: a.shares,
      views: a.views,
    }));
  const madeNotUsed = facts.assets
    .filter((a) => a.origin === 'marketing' && a.status === 'approved' && !facts.everUsed.has(a.id))
    .map((a) => ({ assetId: a.id, title: a.title, stage: a.stage, format: a.format }))
    .sort((x, y) => x.title.localeCompare(y.title));
  return { assets, stages, usedNotMade, madeNotUsed };
}
