//! The simulation of annual losses: each risk's events over many simulated years
//! (Poisson, or Bernoulli for a probability), each event's loss from its lognormal 90 %
//! range or its PERT estimate, risks independent; the figures from the annual totals.
//!
//! Reproducible: the years are cut into blocks of 32, and each (risk, block) draws from
//! its own PCG stream seeded from the run's seed, the risk's id and the block's number.
//! So the figures depend on the inputs and the seed only — not on the number of threads,
//! nor on the other risks (adding a risk adds its losses to the same
//! years and changes nobody else's draws). Memory is one total per simulated year (plus a
//! sorted copy), never one value per draw.
//!
//! Each risk's share of the tail (the worst 1 % of years) is found by drawing again, once
//! the tail years are known, the blocks that hold one (about 27 % of them), computing the
//! losses of tail years only: no memory per event. Threads take chunks of
//! [`CHUNK_YEARS`].

use rand::Rng;
use rand_distr::{Distribution, Exp1, Pert, Poisson, StandardNormal};
use rand_pcg::Pcg64Mcg;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::money::{lognormal_params, Frequency, LossPerEvent};

/// Simulated years per chunk: the unit of work of a thread.
pub const CHUNK_YEARS: usize = 4096;
/// Simulated years per block: the unit of a random stream. Short, so that the second
/// pass (each risk's losses in the worst 1 % of years) draws again only the blocks
/// that hold such a year (about 27 % of them). 32 took the least CPU of 8, 16 and 32
/// (1,000 risks × 100,000 years: 0.67, 0.62 and 0.58 s of user time for the whole run).
const BLOCK_YEARS: usize = 32;
/// The most points a loss exceedance curve has.
pub const CURVE_POINTS: usize = 100;

/// One risk's estimate for the stage simulated.
#[derive(Debug, Clone, PartialEq)]
pub struct RiskInput {
    pub risk_id: String,
    pub reference: String,
    pub title: String,
    pub frequency: Frequency,
    pub loss: LossPerEvent,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SimulationConfig {
    pub years: u32,
    pub seed: u64,
    /// Report P(annual loss > threshold).
    pub threshold: Option<f64>,
    /// Threads to use; the machine's cores when `None`. Never changes the figures.
    pub threads: Option<usize>,
}

/// A point of the loss exceedance curve: P(annual loss > loss).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
pub struct CurvePoint {
    pub loss: f64,
    pub probability: f64,
}

/// One risk's part of the simulated losses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Contribution {
    pub risk_id: String,
    pub reference: String,
    pub title: String,
    /// Its mean annual loss in the simulation.
    pub mean: f64,
    /// Its share of the total mean annual loss (0 to 1).
    pub share_of_mean: f64,
    /// Its share of the losses of the worst 1 % of years (0 to 1).
    pub share_of_tail: f64,
}

/// The figures of one stage's simulation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StageFigures {
    pub years: u32,
    /// As text: a 64-bit seed does not fit a JavaScript number.
    #[ts(type = "string")]
    #[serde(with = "super::seed_text")]
    pub seed: u64,
    /// The risks simulated (those with a complete estimate for the stage).
    pub risks: u32,
    /// Mean annual loss.
    pub mean: f64,
    /// The standard error of the mean (standard deviation / √years).
    pub std_error: f64,
    pub median: f64,
    pub p90: f64,
    pub p95: f64,
    pub p99: f64,
    /// Expected shortfall at 99 %: the mean of the worst 1 % of years.
    pub es99: f64,
    /// The largest simulated annual loss.
    pub max: f64,
    /// P(annual loss > 0).
    pub p_any_loss: f64,
    pub threshold: Option<f64>,
    /// P(annual loss > threshold), when a threshold is set.
    pub p_over_threshold: Option<f64>,
    /// The loss exceedance curve, at most [`CURVE_POINTS`] points on a log scale of loss.
    pub curve: Vec<CurvePoint>,
    /// Each risk's part, largest share of the mean first.
    pub contributions: Vec<Contribution>,
}

/// How a risk's events fall in the years of a chunk.
enum Events {
    /// Poisson with this rate: exponential gaps between events along the chunk.
    Poisson { mean_gap: f64 },
    /// A rate drawn each year from a lognormal, then Poisson.
    Mixed { mu: f64, sigma: f64 },
    /// At most one event a year with probability p: geometric gaps between event years.
    Bernoulli { p: f64, mean_gap: f64 },
}

enum Loss {
    /// μ and σ in base 2 (× log2 e): `exp2` is table-driven and much faster than `exp`.
    LogNormal {
        mu2: f64,
        sigma2: f64,
    },
    Pert(Pert<f64>),
    Fixed(f64),
}

struct Sampler {
    key: u64,
    events: Events,
    loss: Loss,
}

impl Sampler {
    fn new(input: &RiskInput) -> Sampler {
        let events = match input.frequency {
            Frequency::Rate { per_year } => Events::Poisson {
                mean_gap: 1.0 / per_year,
            },
            Frequency::RateRange { low, high } => {
                let (mu, sigma) = lognormal_params(low, high);
                Events::Mixed { mu, sigma }
            }
            Frequency::Probability { p } => Events::Bernoulli {
                p,
                // A year's miss has probability 1 − p: the years between events are
                // geometric, floor(E / −ln(1 − p)) for a standard exponential E.
                mean_gap: -1.0 / libm::log1p(-p),
            },
        };
        let loss = match input.loss {
            LossPerEvent::Range { low, high } => {
                let (mu, sigma) = lognormal_params(low, high);
                Loss::LogNormal {
                    mu2: mu * std::f64::consts::LOG2_E,
                    sigma2: sigma * std::f64::consts::LOG2_E,
                }
            }
            LossPerEvent::Pert { min, mode, max } => match Pert::new(min, max).with_mode(mode) {
                Ok(pert) => Loss::Pert(pert),
                // min = max (validated estimates are otherwise in order): one value.
                Err(_) => Loss::Fixed(mode),
            },
        };
        Sampler {
            key: fnv1a(input.risk_id.as_bytes()),
            events,
            loss,
        }
    }

    /// The risk's part of every stream of a run with this seed.
    fn base(&self, seed: u64) -> u64 {
        splitmix(seed ^ splitmix(self.key))
    }

    /// The stream of one block of years (by its number from the first year).
    fn stream(base: u64, block: usize) -> Pcg64Mcg {
        let b = splitmix(base ^ (block as u64).wrapping_mul(0xA24B_AED4_963E_E407));
        Pcg64Mcg::new((u128::from(base) << 64) | u128::from(b))
    }

    /// Calls `add(year, loss)` for every event of a chunk's years (`chunk` numbers it), in
    /// order, each block of years from its own stream.
    fn run_chunk(&self, base: u64, chunk: usize, len: usize, mut add: impl FnMut(usize, f64)) {
        let first_block = chunk * (CHUNK_YEARS / BLOCK_YEARS);
        for (b, start) in (0..len).step_by(BLOCK_YEARS).enumerate() {
            let mut rng = Sampler::stream(base, first_block + b);
            let block_len = BLOCK_YEARS.min(len - start);
            self.run(&mut rng, block_len, |y, loss| add(start + y, loss));
        }
    }

    /// Draws what an event's loss is made from (for a lognormal, the normal deviate):
    /// every event takes its draw, so the stream stays the same whether or not the loss
    /// itself is wanted.
    fn draw<R: Rng>(&self, rng: &mut R) -> f64 {
        match &self.loss {
            Loss::LogNormal { .. } => StandardNormal.sample(rng),
            Loss::Pert(pert) => pert.sample(rng),
            Loss::Fixed(x) => *x,
        }
    }

    /// The loss of an event from its draw.
    fn loss(&self, draw: f64) -> f64 {
        match &self.loss {
            Loss::LogNormal { mu2, sigma2 } => libm::exp2(mu2 + sigma2 * draw),
            Loss::Pert(_) | Loss::Fixed(_) => draw,
        }
    }

    /// Calls `add(year, loss)` for every event of the chunk's `len` years, in order.
    fn run<R: Rng>(&self, rng: &mut R, len: usize, mut add: impl FnMut(usize, f64)) {
        self.run_draws(rng, len, |year, draw| add(year, self.loss(draw)));
    }

    /// Calls `add(year, draw)` for every event of the chunk's `len` years, in order,
    /// with the event's draw (see [`Sampler::draw`]), not its loss.
    fn run_draws<R: Rng>(&self, rng: &mut R, len: usize, mut add: impl FnMut(usize, f64)) {
        match self.events {
            Events::Poisson { mean_gap } => {
                let end = len as f64;
                let mut t = 0.0;
                loop {
                    let e: f64 = Exp1.sample(rng);
                    t += e * mean_gap;
                    if t >= end {
                        break;
                    }
                    let draw = self.draw(rng);
                    add(t as usize, draw);
                }
            }
            Events::Bernoulli { p, mean_gap } => {
                let mut year = 0usize;
                while year < len {
                    if p < 1.0 {
                        let e: f64 = Exp1.sample(rng);
                        let gap = libm::floor(e * mean_gap);
                        if gap >= (len - year) as f64 {
                            break;
                        }
                        year += gap as usize;
                    }
                    let draw = self.draw(rng);
                    add(year, draw);
                    year += 1;
                }
            }
            Events::Mixed { mu, sigma } => {
                for year in 0..len {
                    let z: f64 = StandardNormal.sample(rng);
                    let rate = libm::exp2((mu + sigma * z) * std::f64::consts::LOG2_E);
                    for _ in 0..poisson(rng, rate) {
                        let draw = self.draw(rng);
                        add(year, draw);
                    }
                }
            }
        }
    }
}

/// A Poisson count: multiplication of uniforms for small rates, rand_distr beyond.
fn poisson<R: Rng>(rng: &mut R, rate: f64) -> u64 {
    if rate < 30.0 {
        let floor = libm::exp2(-rate * std::f64::consts::LOG2_E);
        let mut product = unit_open(rng);
        let mut k = 0;
        while product > floor {
            product *= unit_open(rng);
            k += 1;
        }
        k
    } else {
        match Poisson::new(rate) {
            Ok(d) => {
                let k: f64 = d.sample(rng);
                k as u64
            }
            Err(_) => 0,
        }
    }
}

/// A uniform draw in (0, 1].
fn unit_open<R: Rng>(rng: &mut R) -> f64 {
    ((rng.next_u64() >> 11) + 1) as f64 * (1.0 / (1u64 << 53) as f64)
}

fn splitmix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// FNV-1a: a stable 64-bit key of a risk's id (the same on every machine and build).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xCBF2_9CE4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01B3)
    })
}

/// Runs `work(chunk, slice)` over the chunks of `years`, on `threads` threads; returns
/// the per-chunk results in chunk order. `done` is called after each chunk.
fn over_chunks<T: Send>(
    years: &mut [f64],
    threads: usize,
    work: &(dyn Fn(usize, &mut [f64]) -> T + Sync),
    done: &(dyn Fn() + Sync),
) -> Vec<T> {
    let mut chunks: Vec<(usize, &mut [f64])> = years.chunks_mut(CHUNK_YEARS).enumerate().collect();
    let threads = threads.clamp(1, chunks.len().max(1));
    if threads == 1 {
        return chunks
            .into_iter()
            .map(|(c, s)| {
                let t = work(c, s);
                done();
                t
            })
            .collect();
    }
    // Thread t takes chunks t, t + threads, … : a fixed share, results kept by chunk.
    let mut shares: Vec<Vec<(usize, &mut [f64])>> = (0..threads).map(|_| Vec::new()).collect();
    for (n, chunk) in chunks.drain(..).enumerate() {
        shares[n % threads].push(chunk);
    }
    let mut results: Vec<(usize, T)> = std::thread::scope(|scope| {
        let handles: Vec<_> = shares
            .into_iter()
            .map(|share| {
                scope.spawn(move || {
                    share
                        .into_iter()
                        .map(|(c, s)| {
                            let t = work(c, s);
                            done();
                            (c, t)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| match h.join() {
                Ok(v) => v,
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    });
    results.sort_by_key(|(c, _)| *c);
    results.into_iter().map(|(_, t)| t).collect()
}

/// The empirical quantile: the smallest simulated loss with at least `q` of the years at
/// or below it.
fn quantile(sorted: &[f64], q: f64) -> f64 {
    let n = sorted.len();
    let rank = ((q * n as f64).ceil() as usize).clamp(1, n);
    sorted[rank - 1]
}

/// P(annual loss > x) from the sorted totals.
fn exceedance(sorted: &[f64], x: f64) -> f64 {
    let at_or_below = sorted.partition_point(|&v| v <= x);
    (sorted.len() - at_or_below) as f64 / sorted.len() as f64
}

/// Simulates `config.years` years of the risks' losses. The years are at least one (the
/// callers check the 10,000 to 1,000,000 the user may ask for).
pub fn simulate(risks: &[RiskInput], config: &SimulationConfig) -> StageFigures {
    simulate_with_progress(risks, config, &|_| {})
}

/// [`simulate`], calling `progress` with the share done (0 to 1) as chunks of years
/// finish (both passes count), from the simulating threads.
pub fn simulate_with_progress(
    risks: &[RiskInput],
    config: &SimulationConfig,
    progress: &(dyn Fn(f64) + Sync),
) -> StageFigures {
    let n = config.years.max(1) as usize;
    let samplers: Vec<Sampler> = risks.iter().map(Sampler::new).collect();
    let threads = config.threads.unwrap_or_else(|| {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    });
    let seed = config.seed;
    let bases: Vec<u64> = samplers.iter().map(|s| s.base(seed)).collect();
    let chunks = n.div_ceil(CHUNK_YEARS);
    let finished = std::sync::atomic::AtomicUsize::new(0);
    let done = || {
        let k = finished.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        progress((k as f64 / (2 * chunks) as f64).min(1.0));
    };

    // Pass 1: the annual totals, and each risk's sum per chunk.
    let mut totals = vec![0.0f64; n];
    let per_chunk: Vec<Vec<f64>> = over_chunks(
        &mut totals,
        threads,
        &|chunk, years| {
            samplers
                .iter()
                .zip(&bases)
                .map(|(s, &base)| {
                    let mut sum = 0.0;
                    s.run_chunk(base, chunk, years.len(), |y, loss| {
                        years[y] += loss;
                        sum += loss;
                    });
                    sum
                })
                .collect()
        },
        &done,
    );
    let mut risk_sums = vec![0.0f64; risks.len()];
    for sums in &per_chunk {
        for (total, s) in risk_sums.iter_mut().zip(sums) {
            *total += s;
        }
    }

    let mut sorted = totals.clone();
    sorted.sort_unstable_by(f64::total_cmp);
    let sum: f64 = totals.iter().sum();
    let mean = sum / n as f64;
    let variance = if n > 1 {
        totals.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / (n - 1) as f64
    } else {
        0.0
    };

    // The tail: the worst ⌈1 %⌉ of years (ties at the edge by earliest year).
    let k = n.div_ceil(100);
    let edge = sorted[n - k];
    let above = totals.iter().filter(|&&x| x > edge).count();
    let mut at_edge = k - above;
    let mut tail = vec![false; n];
    for (y, &x) in totals.iter().enumerate() {
        if x > edge {
            tail[y] = true;
        } else if x == edge && at_edge > 0 {
            tail[y] = true;
            at_edge -= 1;
        }
    }
    let tail_sum: f64 = sorted[n - k..].iter().sum();
    let es99 = tail_sum / k as f64;

    // Pass 2: each risk's losses in the tail years, from the same streams.
    let tail_shares: Vec<f64> = if tail_sum > 0.0 {
        let mut scratch = vec![0.0f64; n];
        let per_chunk: Vec<Vec<f64>> = over_chunks(
            &mut scratch,
            threads,
            &|chunk, years| {
                let first = chunk * CHUNK_YEARS;
                let in_tail = &tail[first..first + years.len()];
                // The blocks of the chunk that hold a tail year: only those are drawn again.
                let blocks: Vec<usize> = (0..years.len())
                    .step_by(BLOCK_YEARS)
                    .filter(|&start| {
                        in_tail[start..(start + BLOCK_YEARS).min(years.len())]
                            .iter()
                            .any(|&t| t)
                    })
                    .collect();
                let first_block = chunk * (CHUNK_YEARS / BLOCK_YEARS);
                samplers
                    .iter()
                    .zip(&bases)
                    .map(|(s, &base)| {
                        let mut sum = 0.0;
                        for &start in &blocks {
                            let mut rng = Sampler::stream(base, first_block + start / BLOCK_YEARS);
                            let len = BLOCK_YEARS.min(years.len() - start);
                            s.run_draws(&mut rng, len, |y, draw| {
                                if in_tail[start + y] {
                                    sum += s.loss(draw);
                                }
                            });
                        }
                        sum
                    })
                    .collect()
            },
            &done,
        );
        let mut shares = vec![0.0f64; risks.len()];
        for sums in &per_chunk {
            for (total, s) in shares.iter_mut().zip(sums) {
                *total += s;
            }
        }
        shares.iter().map(|s| s / tail_sum).collect()
    } else {
        vec![0.0; risks.len()]
    };

    let mut contributions: Vec<Contribution> = risks
        .iter()
        .zip(risk_sums.iter().zip(&tail_shares))
        .map(|(r, (&s, &tail))| Contribution {
            risk_id: r.risk_id.clone(),
            reference: r.reference.clone(),
            title: r.title.clone(),
            mean: s / n as f64,
            share_of_mean: if sum > 0.0 { s / sum } else { 0.0 },
            share_of_tail: tail,
        })
        .collect();
    progress(1.0);
    contributions.sort_by(|a, b| {
        b.share_of_mean
            .total_cmp(&a.share_of_mean)
            .then_with(|| a.reference.cmp(&b.reference))
    });

    StageFigures {
        years: n as u32,
        seed,
        risks: risks.len() as u32,
        mean,
        std_error: (variance / n as f64).sqrt(),
        median: quantile(&sorted, 0.5),
        p90: quantile(&sorted, 0.9),
        p95: quantile(&sorted, 0.95),
        p99: quantile(&sorted, 0.99),
        es99,
        max: sorted[n - 1],
        p_any_loss: exceedance(&sorted, 0.0),
        threshold: config.threshold,
        p_over_threshold: config.threshold.map(|t| exceedance(&sorted, t)),
        curve: curve(&sorted),
        contributions,
    }
}

/// The loss exceedance curve on a logarithmic scale of loss, from the smallest positive
/// simulated loss to the largest.
fn curve(sorted: &[f64]) -> Vec<CurvePoint> {
    let Some(&low) = sorted.iter().find(|&&x| x > 0.0) else {
        return Vec::new();
    };
    let high = sorted[sorted.len() - 1];
    if high <= low {
        return vec![CurvePoint {
            loss: low,
            probability: exceedance(sorted, 0.0),
        }];
    }
    let (a, b) = (libm::log(low), libm::log(high));
    let last = (CURVE_POINTS - 1) as f64;
    (0..CURVE_POINTS)
        .map(|j| {
            // The first point is just below the smallest loss: P(loss > 0).
            let loss = if j == 0 {
                low
            } else {
                libm::exp(a + (b - a) * j as f64 / last)
            };
            let probability = if j == 0 {
                exceedance(sorted, 0.0)
            } else {
                exceedance(sorted, loss)
            };
            CurvePoint { loss, probability }
        })
        .collect()
}
