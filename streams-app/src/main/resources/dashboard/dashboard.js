// The stakestream dashboard: plain DOM and SVG over the instance's REST API, no framework, no CDN.
"use strict";

const TOKEN_DECIMALS = 18;
const USDC_DECIMALS = 6;
let selectedPool = null;

// Base units (a decimal string) to a human amount, exact: BigInt, never a float.
function units(base, decimals, shown = 4) {
  if (base === null || base === undefined) return "—";
  const v = BigInt(base);
  const scale = 10n ** BigInt(decimals);
  const whole = v / scale;
  let frac = (v % scale).toString().padStart(decimals, "0").slice(0, shown).replace(/0+$/, "");
  return whole.toLocaleString("en-US") + (frac ? "." + frac : "");
}
const tokens = (v) => units(v, TOKEN_DECIMALS);
const usdc = (v) => units(v, USDC_DECIMALS, 2);
const pct = (ppm) => (Number(ppm) / 10000).toFixed(2) + " %";
const bps = (b) => (Number(b) / 100).toFixed(2) + " %";

// GET JSON, retrying while the instance answers 503 (rebalancing, still reading its outputs).
async function get(path) {
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(path);
    if (res.status === 503 && attempt < 20) {
      await new Promise((r) => setTimeout(r, 500));
      continue;
    }
    const body = await res.json();
    if (!res.ok) throw new Error(path + ": " + (body.error || res.status));
    return body;
  }
}

function cell(tr, text, cls) {
  const td = document.createElement("td");
  td.textContent = text;
  if (cls) td.className = cls;
  tr.appendChild(td);
  return td;
}

function fill(tableId, rows, render, empty) {
  const body = document.querySelector("#" + tableId + " tbody");
  body.replaceChildren();
  if (rows.length === 0) {
    const tr = document.createElement("tr");
    const td = cell(tr, empty);
    td.colSpan = 10;
    td.className = "hint";
    body.appendChild(tr);
  }
  rows.forEach((row, i) => {
    const tr = document.createElement("tr");
    render(tr, row, i);
    body.appendChild(tr);
  });
}

function poolName(p) {
  try {
    const meta = JSON.parse(p.metadataJson);
    return meta.name ? meta.name + " (" + p.poolId + ")" : p.poolId;
  } catch (e) {
    return p.poolId;
  }
}

async function loadPools() {
  const ranking = document.getElementById("ranking").value;
  const pools = await get("/pools?sort=" + ranking);
  fill("pools", pools, (tr, p, i) => {
    tr.className = "pool" + (p.poolId === selectedPool ? " selected" : "");
    tr.dataset.pool = p.poolId;
    tr.addEventListener("click", () => selectPool(p.poolId));
    cell(tr, String(i + 1), "num");
    cell(tr, poolName(p));
    cell(tr, tokens(p.totalStake), "num");
    cell(tr, p.tier === undefined ? "—" : String(p.tier), "num");
    cell(tr, Number(p.sharePrice).toFixed(6), "num");
    const perf = p.performance || { jobs: 0 };
    cell(tr, perf.jobs > 0 ? pct(perf.slaPpm) : "no jobs", "num");
    cell(tr, String(perf.jobs), "num");
    cell(tr, bps(p.tokenCommissionBps) + " / " + bps(p.usdcCommissionBps), "num");
    cell(tr, p.status);
    const st = p.rewardStatus;
    if (st && st.activeForRewards) {
      cell(tr, "earning", "earning");
    } else {
      cell(tr, st ? "not earning: " + st.reasons.map((r) => r.code).join(", ") : "—", "idle");
    }
  }, "no pools yet");
  if (selectedPool === null && pools.length > 0) selectedPool = pools[0].poolId;
}

async function selectPool(poolId) {
  selectedPool = poolId;
  document.querySelectorAll("tr.pool").forEach((tr) => tr.classList.toggle("selected", tr.dataset.pool === poolId));
  document.getElementById("history-pool").textContent = poolId;
  const history = await get("/pools/" + encodeURIComponent(poolId) + "/history");
  fill("history", history, (tr, h) => {
    cell(tr, String(h.epoch), "num");
    cell(tr, h.sharePrice === null ? "—" : Number(h.sharePrice).toFixed(6), "num");
    cell(tr, tokens(h.totalStake), "num");
    cell(tr, tokens(h.rewardTokens), "num");
    cell(tr, usdc(h.rewardUsdc), "num");
    cell(tr, tokens(h.accruedTokens), "num");
  }, "no epochs yet");
  chart(history);
}

const SVG = "http://www.w3.org/2000/svg";
function svg(name, attrs, text) {
  const e = document.createElementNS(SVG, name);
  Object.entries(attrs).forEach(([k, v]) => e.setAttribute(k, v));
  if (text !== undefined) e.textContent = text;
  return e;
}

// Share price as a line on the left axis, reward tokens per epoch as bars on the right axis.
function chart(history) {
  const root = document.getElementById("history-chart");
  root.replaceChildren();
  const W = 760, H = 260, L = 70, R = 70, T = 16, B = 30;
  const points = history.filter((h) => h.sharePrice !== null);
  if (points.length === 0) {
    root.appendChild(svg("text", { x: L, y: H / 2, class: "hint" }, "no history yet"));
    return;
  }
  const prices = points.map((h) => Number(h.sharePrice));
  const rewards = history.map((h) => (h.rewardTokens === null ? 0 : Number(BigInt(h.rewardTokens) / 10n ** 12n) / 1e6));
  let lo = Math.min(...prices), hi = Math.max(...prices);
  if (hi - lo < 1e-9) { lo -= 0.01; hi += 0.01; }
  const maxReward = Math.max(...rewards, 1e-9);
  const epochs = history.map((h) => h.epoch);
  const e0 = Math.min(...epochs), e1 = Math.max(...epochs);
  const pad = 24; // room for the first and last bars
  const x = (e) => L + pad + (e1 === e0 ? (W - L - R - 2 * pad) / 2 : ((e - e0) / (e1 - e0)) * (W - L - R - 2 * pad));
  const y = (p) => T + (1 - (p - lo) / (hi - lo)) * (H - T - B);
  const yr = (r) => H - B - (r / maxReward) * (H - T - B);
  root.appendChild(svg("line", { x1: L, y1: H - B, x2: W - R, y2: H - B, stroke: "#999" }));
  root.appendChild(svg("line", { x1: L, y1: T, x2: L, y2: H - B, stroke: "#999" }));
  const barW = Math.max(4, (W - L - R) / Math.max(1, history.length) / 3);
  history.forEach((h, i) => {
    if (rewards[i] > 0) {
      root.appendChild(svg("rect", { x: x(h.epoch) - barW / 2, y: yr(rewards[i]), width: barW, height: H - B - yr(rewards[i]),
        fill: "#f0ad4e", class: "reward-bar" }));
    }
    root.appendChild(svg("text", { x: x(h.epoch), y: H - B + 16, "text-anchor": "middle", "font-size": 11 }, String(h.epoch)));
  });
  root.appendChild(svg("polyline", { points: points.map((h) => x(h.epoch) + "," + y(Number(h.sharePrice))).join(" "),
    fill: "none", stroke: "#2f6fdf", "stroke-width": 2, class: "price-line" }));
  points.forEach((h) => root.appendChild(svg("circle", { cx: x(h.epoch), cy: y(Number(h.sharePrice)), r: 3, fill: "#2f6fdf" })));
  root.appendChild(svg("text", { x: 4, y: T + 4, "font-size": 11 }, hi.toFixed(6)));
  root.appendChild(svg("text", { x: 4, y: H - B, "font-size": 11 }, lo.toFixed(6)));
  root.appendChild(svg("text", { x: W - R + 4, y: T + 4, "font-size": 11, fill: "#b5781c" }, maxReward.toFixed(2) + " tok"));
  root.appendChild(svg("text", { x: L, y: H - 2, "font-size": 11 }, "epoch"));
}

async function loadSlashes() {
  const pending = await get("/slashes");
  fill("pending-slashes", pending, (tr, s) => {
    cell(tr, s.poolId);
    cell(tr, s.slashId);
    cell(tr, s.reason);
    cell(tr, String(s.proposedEpoch), "num");
    cell(tr, String(s.executableEpoch), "num");
    cell(tr, s.disputeWindowOpen ? "open: " + s.epochsUntilExecutable + " epoch(s) left" : "over: executable");
  }, "no pending slash");
  const executed = await get("/slashes/executed");
  fill("executed-slashes", executed, (tr, s) => {
    cell(tr, s.poolId);
    cell(tr, s.slashId);
    cell(tr, s.reason);
    cell(tr, s.policy);
    cell(tr, tokens(s.amount), "num");
    cell(tr, tokens(s.burned), "num");
    cell(tr, String(s.epoch), "num");
  }, "no slash executed");
}

async function loadRejections() {
  const r = await get("/rejections");
  document.getElementById("rejections-total").textContent = "(" + r.total + ")";
  const rows = Object.entries(r.byReason).sort((a, b) => b[1] - a[1]);
  const max = rows.length ? rows[0][1] : 1;
  fill("rejections", rows, (tr, [reason, n]) => {
    tr.dataset.reason = reason;
    cell(tr, reason);
    cell(tr, String(n), "num");
    const bar = document.createElement("span");
    bar.className = "bar";
    bar.style.width = Math.max(2, (200 * n) / max) + "px";
    cell(tr, "").appendChild(bar);
  }, "nothing refused");
}

async function loadEpochs() {
  const roots = await get("/epochs");
  fill("epochs", roots, (tr, r) => {
    cell(tr, String(r.epoch), "num");
    cell(tr, "0x" + r.root, "hash");
    cell(tr, String(r.leafCount), "num");
    cell(tr, tokens(r.totalTokens), "num");
    cell(tr, usdc(r.totalUsdc), "num");
    const td = cell(tr, "");
    if (r.tree) {
      const a = document.createElement("a");
      a.href = r.tree;
      a.textContent = "dump";
      td.appendChild(a);
    } else {
      td.textContent = "no dump here";
    }
  }, "no reward root published yet");
}

async function loadNetwork() {
  const status = document.getElementById("status");
  try {
    const n = await get("/network");
    document.getElementById("network").textContent = "epoch " + n.currentEpoch + " · " + (n.params ? n.params.slashPolicy + " slashing" : "");
    status.textContent = "ledger RUNNING";
    status.className = "status";
  } catch (e) {
    status.textContent = e.message;
    status.className = "status down";
  }
}

async function refresh() {
  const steps = [loadNetwork, loadPools, loadSlashes, loadRejections, loadEpochs];
  for (const step of steps) {
    try {
      await step();
    } catch (e) {
      console.error(e);
    }
  }
  if (selectedPool !== null) await selectPool(selectedPool).catch((e) => console.error(e));
  document.body.dataset.loaded = "true";
}

document.getElementById("ranking").addEventListener("change", () => loadPools().catch((e) => console.error(e)));
refresh();
setInterval(refresh, 5000);
