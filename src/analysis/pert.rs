//! PERT levers drawn from a normal score, so that levers can move together.
//!
//! A Gaussian copula gives each lever in a draw a standard normal score; the lever takes
//! the value whose PERT probability equals the score's normal probability:
//! `x = Q_PERT(Φ(score))`. Scores that move together give levers that move together,
//! while each lever keeps exactly its own PERT distribution.
//!
//! `Q_PERT ∘ Φ` has no closed form, and evaluating the incomplete beta function for every
//! one of up to 4·10⁷ lever draws would take minutes. So it is tabulated once per lever:
//! the PERT distribution function at 2,048 equal steps of the lever's range (Simpson's rule
//! on the Beta density, normalised to end at exactly 1), each turned into a normal score
//! with [`normal_quantile`]. A draw finds its score's step by bisection and interpolates
//! linearly inside it, so a drawn value is never further than one step (1/2,048 of
//! `high − low`) from the exact quantile, and far closer in the body of the distribution.

/// Steps of a lever's range in its table.
const STEPS: usize = 2048;

/// PERT(low, likely, high): `low + (high − low)·B` with `B ~ Beta(α, β)`,
/// `α = 1 + 4·(likely − low)/(high − low)`, `β = 1 + 4·(high − likely)/(high − low)`,
/// tabulated by normal score.
#[derive(Clone, Debug)]
pub struct Pert {
    low: f64,
    range: f64,
    /// The normal score of the distribution function at `low + range·k/STEPS`, rising;
    /// the two ends, at probability 0 and 1, are set one unit beyond their neighbours.
    scores: Vec<f64>,
}

impl Pert {
    /// `None` unless `low ≤ likely ≤ high` and `low < high`.
    pub fn new(low: f64, likely: f64, high: f64) -> Option<Self> {
        let range = high - low;
        if !(range > 0.0 && (low..=high).contains(&likely)) {
            return None;
        }
        let (alpha, beta) = (1.0 + 4.0 * (likely - low) / range, 1.0 + 4.0 * (high - likely) / range);
        let density = |x: f64| x.powf(alpha - 1.0) * (1.0 - x).powf(beta - 1.0);
        #[allow(clippy::cast_precision_loss)]
        let h = 1.0 / STEPS as f64;
        #[allow(clippy::cast_precision_loss)]
        let cells: Vec<f64> = (0..STEPS)
            .map(|k| {
                let a = k as f64 * h;
                h / 6.0 * (density(a) + 4.0 * density(a + h / 2.0) + density(a + h))
            })
            .collect();
        // The mass below and above each step, each summed from its own end, so that a tail
        // probability keeps its digits instead of being 1 minus something close to 1.
        let mut below = vec![0.0; STEPS + 1];
        let mut above = vec![0.0; STEPS + 1];
        for k in 0..STEPS {
            below[k + 1] = below[k] + cells[k];
            above[STEPS - 1 - k] = above[STEPS - k] + cells[STEPS - 1 - k];
        }
        let total = below[STEPS];
        let mut scores: Vec<f64> = below
            .iter()
            .zip(&above)
            .map(|(&b, &a)| if b <= a { normal_quantile(b / total) } else { -normal_quantile(a / total) })
            .collect();
        scores[0] = scores[1] - 1.0;
        scores[STEPS] = scores[STEPS - 1] + 1.0;
        Some(Self { low, range, scores })
    }

    /// The lever at normal score `z`: `low + range · Q_Beta(Φ(z))`, interpolated in its step.
    pub fn at(&self, z: f64) -> f64 {
        let last = self.scores.len() - 1;
        let k = self.scores.partition_point(|&s| s <= z).clamp(1, last);
        let (s0, s1) = (self.scores[k - 1], self.scores[k]);
        let within = ((z - s0) / (s1 - s0)).clamp(0.0, 1.0);
        #[allow(clippy::cast_precision_loss)]
        let fraction = ((k - 1) as f64 + within) / last as f64;
        self.low + self.range * fraction
    }
}

/// `Φ⁻¹(p)`, the standard normal quantile: Wichura's algorithm AS 241 (PPND16, Applied
/// Statistics 37(3), 1988), accurate to about 1e-16; −∞ at 0 and +∞ at 1.
#[allow(clippy::unreadable_literal, clippy::excessive_precision)]
pub fn normal_quantile(p: f64) -> f64 {
    let poly = |c: &[f64], x: f64| c.iter().rev().fold(0.0, |acc, &k| acc * x + k);
    let q = p - 0.5;
    if q.abs() <= 0.425 {
        let r = 0.180625 - q * q;
        let num = [
            3.3871328727963666080e0,
            1.3314166789178437745e2,
            1.9715909503065514427e3,
            1.3731693765509461125e4,
            4.5921953931549871457e4,
            6.7265770927008700853e4,
            3.3430575583588128105e4,
            2.5090809287301226727e3,
        ];
        let den = [
            1.0,
            4.2313330701600911252e1,
            6.8718700749205790830e2,
            5.3941960214247511077e3,
            2.1213794301586595867e4,
            3.9307895800092710610e4,
            2.8729085735721942674e4,
            5.2264952788528545610e3,
        ];
        return q * poly(&num, r) / poly(&den, r);
    }
    let tail = if q < 0.0 { p } else { 1.0 - p };
    if tail <= 0.0 {
        return if q < 0.0 { f64::NEG_INFINITY } else { f64::INFINITY };
    }
    let r = (-tail.ln()).sqrt();
    let x = if r <= 5.0 {
        let r = r - 1.6;
        let num = [
            1.42343711074968357734e0,
            4.63033784615654529590e0,
            5.76949722146069140550e0,
            3.64784832476320460504e0,
            1.27045825245236838258e0,
            2.41780725177450611770e-1,
            2.27238449892691845833e-2,
            7.74545014278341407640e-4,
        ];
        let den = [
            1.0,
            2.05319162663775882187e0,
            1.67638483018380384940e0,
            6.89767334985100004550e-1,
            1.48103976427480074590e-1,
            1.51986665636164571966e-2,
            5.47593808499534494600e-4,
            1.05075007164441684324e-9,
        ];
        poly(&num, r) / poly(&den, r)
    } else {
        let r = r - 5.0;
        let num = [
            6.65790464350110377720e0,
            5.46378491116411436990e0,
            1.78482653991729133580e0,
            2.96560571828504891230e-1,
            2.65321895265761230930e-2,
            1.24266094738807843860e-3,
            2.71155556874348757815e-5,
            2.01033439929228813265e-7,
        ];
        let den = [
            1.0,
            5.99832206555887937690e-1,
            1.36929880922735805310e-1,
            1.48753612908506148525e-2,
            7.86869131145613259100e-4,
            1.84631831751005468180e-5,
            1.42151175831644588870e-7,
            2.04426310338993978564e-15,
        ];
        poly(&num, r) / poly(&den, r)
    };
    if q < 0.0 { -x } else { x }
}

#[cfg(test)]
#[allow(clippy::float_cmp)] // the ends of a table are exact
pub mod tests {
    use super::*;

    /// `I_x(a, b)` for whole `a, b`: `Σ_{j=a}^{a+b−1} C(a+b−1, j) xʲ (1−x)^{a+b−1−j}`.
    pub fn beta_cdf_whole(x: f64, a: u32, b: u32) -> f64 {
        let n = a + b - 1;
        let choose = |n: u32, k: u32| (0..k).fold(1.0, |c, i| c * f64::from(n - i) / f64::from(i + 1));
        let power = |base: f64, k: u32| (0..k).fold(1.0, |p, _| p * base);
        (a..=n).map(|j| choose(n, j) * power(x, j) * power(1.0 - x, n - j)).sum()
    }

    /// The `p` quantile of Beta(a, b) for whole shapes, by bisection on the exact CDF.
    pub fn beta_quantile_whole(p: f64, a: u32, b: u32) -> f64 {
        let (mut lo, mut hi) = (0.0, 1.0);
        for _ in 0..100 {
            let mid = f64::midpoint(lo, hi);
            if beta_cdf_whole(mid, a, b) < p { lo = mid } else { hi = mid }
        }
        lo
    }

    #[test]
    #[allow(clippy::unreadable_literal)] // as published
    fn normal_quantiles_match_published_values() {
        // Values of Φ⁻¹ as tabulated (e.g. Abramowitz & Stegun 26.2; R's qnorm).
        for (p, z) in [
            (0.5, 0.0),
            (0.975, 1.959963984540054),
            (0.9, 1.2815515655446004),
            (0.1, -1.2815515655446004),
            (1e-10, -6.361340902404056),
            (1e-300, -37.0471),
        ] {
            let tolerance = if p < 1e-100 { 1e-4 } else { 1e-14 };
            assert!((normal_quantile(p) - z).abs() < tolerance, "{p}: {}", normal_quantile(p));
        }
        assert_eq!(normal_quantile(0.0), f64::NEG_INFINITY);
        assert_eq!(normal_quantile(1.0), f64::INFINITY);
    }

    /// PERT(0, 0.02, 0.08) is 0.08·Beta(2, 4), and PERT(10, 10, 20) is 10 + 10·Beta(1, 5):
    /// at every score the table agrees with the exact quantile to a step of the range.
    #[test]
    fn the_table_gives_the_exact_pert_quantile_within_a_step() {
        for (low, likely, high, a, b) in
            [(0.0, 0.02, 0.08, 2, 4), (10.0, 10.0, 20.0, 1, 5), (-1.0, 0.0, 1.0, 3, 3)]
        {
            let pert = Pert::new(low, likely, high).unwrap();
            let range = high - low;
            let body = (1..=99).map(|k| f64::from(k) / 100.0);
            for p in [1e-6, 0.001, 0.999, 1.0 - 1e-6].into_iter().chain(body) {
                let exact = low + range * beta_quantile_whole(p, a, b);
                let tabled = pert.at(normal_quantile(p));
                let tolerance = if (0.01..=0.99).contains(&p) { 1e-5 } else { 1.0 / 2048.0 };
                assert!(
                    (tabled - exact).abs() <= tolerance * range,
                    "{low},{likely},{high} at {p}: {tabled} vs {exact}"
                );
            }
            assert_eq!(pert.at(-50.0), low);
            assert_eq!(pert.at(50.0), high);
        }
        assert!(Pert::new(0.1, 0.0, 0.2).is_none());
        assert!(Pert::new(0.1, 0.1, 0.1).is_none());
    }
}
