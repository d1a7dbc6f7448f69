//! Maximum likelihood needs a minimiser: BFGS with a backtracking line search, on the
//! logarithms of the parameters so every step keeps them positive.

/// Where the search stopped.
#[derive(Clone, Debug)]
pub struct Minimum {
    pub x: Vec<f64>,
    pub value: f64,
    pub iterations: u32,
    /// The largest gradient component where the search stopped.
    pub gradient: f64,
    /// Whether the gradient fell below the tolerance (rather than the search stalling).
    pub converged: bool,
}

/// The largest absolute component of `g`.
fn largest(g: &[f64]) -> f64 {
    g.iter().fold(0.0, |m: f64, gi| m.max(gi.abs()))
}

const MAX_ITERATIONS: u32 = 2_000;

/// When the value can no longer fall measurably (it is a sum of thousands of terms, exact
/// to about 1e-15 of itself), a gradient below this counts as converged.
const STALLED_TOLERANCE: f64 = 1e-6;

/// The smallest fall of the value, relative to the value, that a line search still looks
/// for: a quarter of the relative precision of a double, which is a quarter to a half of a
/// unit in the value's last place. A step that promises less cannot lower the value as a
/// double registers it, except by rounding.
const RESOLUTION: f64 = f64::EPSILON / 4.0;

/// The mean negative log-likelihood of `n` observations at `theta`, the logarithms of the
/// parameters, with its gradient in `theta` written to `gradient`: from `ll`, which gives the
/// log-likelihood at the parameters `exp(theta)` and its gradient in them, by
/// `∂/∂θᵢ = pᵢ · ∂/∂pᵢ`. Every fit here searches in these logarithms, so every positive
/// parameter stays positive.
pub fn mean_negative_in_logs<const K: usize>(
    theta: &[f64],
    n: f64,
    gradient: &mut [f64],
    ll: impl FnOnce(&[f64; K]) -> (f64, [f64; K]),
) -> f64 {
    let p: [f64; K] = std::array::from_fn(|i| theta[i].exp());
    let (value, g) = ll(&p);
    let scale = -1.0 / n;
    for i in 0..K {
        gradient[i] = scale * g[i] * p[i];
    }
    scale * value
}

/// Minimises `f` from `x0`. `f(x, gradient)` returns the value and writes the gradient.
/// Stops when every gradient component is below `tolerance` in absolute value, or when the
/// value stops falling with the gradient below [`STALLED_TOLERANCE`].
pub fn minimize(f: impl Fn(&[f64], &mut [f64]) -> f64, x0: &[f64], tolerance: f64) -> Minimum {
    let n = x0.len();
    let mut x = x0.to_vec();
    let mut g = vec![0.0; n];
    let mut value = f(&x, &mut g);
    let mut h = identity(n);
    let mut fresh = true;
    let (mut x_new, mut g_new) = (vec![0.0; n], vec![0.0; n]);
    let small = |g: &[f64], tol: f64| g.iter().all(|gi| gi.abs() < tol);
    for iteration in 0..MAX_ITERATIONS {
        if !value.is_finite() {
            return Minimum { x, value, iterations: iteration, gradient: largest(&g), converged: false };
        }
        if small(&g, tolerance) {
            return Minimum { x, value, iterations: iteration, gradient: largest(&g), converged: true };
        }
        let mut p: Vec<f64> = (0..n).map(|i| -dot(&h[i], &g)).collect();
        let mut slope = dot(&g, &p);
        if slope >= 0.0 || !slope.is_finite() {
            h = identity(n);
            fresh = true;
            p = g.iter().map(|gi| -gi).collect();
            slope = dot(&g, &p);
        }
        // Backtracking (Armijo): halve the step until the value falls enough, and truly falls;
        // give up once the fall the slope promises is below what the value can register
        // (then only rounding would decide).
        let mut step = 1.0;
        let resolution = value.abs().max(f64::MIN_POSITIVE) * RESOLUTION;
        let found = loop {
            for i in 0..n {
                x_new[i] = x[i] + step * p[i];
            }
            let v = f(&x_new, &mut g_new);
            if v.is_finite() && v < value && v <= value + 1e-4 * step * slope {
                break Some(v);
            }
            step *= 0.5;
            if step < 1e-12 || step * -slope < resolution {
                break None;
            }
        };
        let Some(v) = found else {
            if fresh {
                // Even steepest descent cannot lower the value: as far as floating point goes.
                let converged = small(&g, STALLED_TOLERANCE);
                return Minimum { x, value, iterations: iteration, gradient: largest(&g), converged };
            }
            h = identity(n);
            fresh = true;
            continue;
        };
        let s: Vec<f64> = (0..n).map(|i| x_new[i] - x[i]).collect();
        let y: Vec<f64> = (0..n).map(|i| g_new[i] - g[i]).collect();
        let sy = dot(&s, &y);
        if sy > 1e-300 {
            if fresh {
                // Scale the first guess of the inverse Hessian to the curvature seen.
                let scale = sy / dot(&y, &y);
                h = identity(n).into_iter().map(|row| row.into_iter().map(|e| e * scale).collect()).collect();
                fresh = false;
            }
            update(&mut h, &s, &y, sy);
        }
        x.clone_from(&x_new);
        g.clone_from(&g_new);
        value = v;
    }
    Minimum { x, value, iterations: MAX_ITERATIONS, gradient: largest(&g), converged: false }
}

/// The BFGS update of the inverse Hessian: `H ← (I − ρsyᵀ) H (I − ρysᵀ) + ρssᵀ`, `ρ = 1/yᵀs`.
fn update(h: &mut [Vec<f64>], s: &[f64], y: &[f64], sy: f64) {
    let n = s.len();
    let rho = 1.0 / sy;
    let hy: Vec<f64> = (0..n).map(|i| dot(&h[i], y)).collect();
    let yhy = dot(y, &hy);
    for i in 0..n {
        for j in 0..n {
            h[i][j] += rho * ((1.0 + rho * yhy) * s[i] * s[j] - hy[i] * s[j] - s[i] * hy[j]);
        }
    }
}

fn identity(n: usize) -> Vec<Vec<f64>> {
    (0..n).map(|i| (0..n).map(|j| f64::from(u8::from(i == j))).collect()).collect()
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// A gradient by central differences, for small models without an analytic one.
pub fn numeric_gradient(f: &impl Fn(&[f64]) -> f64, x: &[f64], gradient: &mut [f64]) {
    let mut probe = x.to_vec();
    for i in 0..x.len() {
        let h = 1e-6 * x[i].abs().max(1.0);
        probe[i] = x[i] + h;
        let up = f(&probe);
        probe[i] = x[i] - h;
        let down = f(&probe);
        probe[i] = x[i];
        gradient[i] = (up - down) / (2.0 * h);
    }
}

/// The covariance of a maximum-likelihood estimate `x`, from the observed information: the
/// Hessian of the mean negative log-likelihood (by central differences of its gradient)
/// times the number of observations `n`, inverted and made exactly symmetric. `None` when
/// it is not positive definite (singular, or the point is not a maximum in every direction).
pub fn covariance(gradient: impl Fn(&[f64], &mut [f64]), x: &[f64], n: f64) -> Option<Vec<Vec<f64>>> {
    let k = x.len();
    let mut hessian = vec![vec![0.0; k]; k];
    let (mut up, mut down) = (vec![0.0; k], vec![0.0; k]);
    let mut probe = x.to_vec();
    for j in 0..k {
        let h = 1e-5 * x[j].abs().max(1.0);
        probe[j] = x[j] + h;
        gradient(&probe, &mut up);
        probe[j] = x[j] - h;
        gradient(&probe, &mut down);
        probe[j] = x[j];
        for i in 0..k {
            hessian[i][j] = (up[i] - down[i]) / (2.0 * h) * n;
        }
    }
    if !positive_definite(&hessian) {
        return None;
    }
    let inverse = invert(hessian)?;
    Some((0..k).map(|i| (0..k).map(|j| 0.5 * (inverse[i][j] + inverse[j][i])).collect()).collect())
}

/// Standard errors of a maximum-likelihood estimate `x`: the square roots of the diagonal of
/// its [`covariance`]. `None` when that is singular or not positive on the diagonal.
#[cfg(test)]
pub fn standard_errors(gradient: impl Fn(&[f64], &mut [f64]), x: &[f64], n: f64) -> Option<Vec<f64>> {
    let c = covariance(gradient, x, n)?;
    (0..x.len()).map(|i| (c[i][i] > 0.0).then(|| c[i][i].sqrt())).collect()
}

/// What the observed information says about an estimate `x` of the logarithms of the
/// parameters, as every fit here is: the standard errors of the parameters `exp(x)` by the
/// delta method, `exp(xᵢ) · se(xᵢ)` (as lifetimes reports them), and the covariance of `x`
/// itself, which the parametric bootstrap draws from. `None` when the information is
/// singular or not positive on the diagonal.
pub fn uncertainty<const K: usize>(
    gradient: impl Fn(&[f64], &mut [f64]),
    x: &[f64],
    n: f64,
) -> Option<([f64; K], [[f64; K]; K])> {
    let c = covariance(gradient, x, n)?;
    let mut se = [0.0; K];
    let mut cov = [[0.0; K]; K];
    for i in 0..K {
        if c[i][i].is_nan() || c[i][i] <= 0.0 {
            return None;
        }
        se[i] = c[i][i].sqrt() * x[i].exp();
        cov[i].copy_from_slice(&c[i][..K]);
    }
    Some((se, cov))
}

/// Whether the symmetric part of `m` is positive definite: its Cholesky factorisation
/// finds a positive pivot in every column.
fn positive_definite(m: &[Vec<f64>]) -> bool {
    let k = m.len();
    let mut l = vec![vec![0.0; k]; k];
    for i in 0..k {
        for j in 0..=i {
            let sum =
                0.5 * (m[i][j] + m[j][i]) - l[i][..j].iter().zip(&l[j][..j]).map(|(a, b)| a * b).sum::<f64>();
            if i == j {
                if sum.is_nan() || sum <= 0.0 {
                    return false;
                }
                l[i][i] = sum.sqrt();
            } else {
                l[i][j] = sum / l[j][j];
            }
        }
    }
    true
}

/// Gauss–Jordan elimination with partial pivoting.
fn invert(mut m: Vec<Vec<f64>>) -> Option<Vec<Vec<f64>>> {
    let n = m.len();
    let mut inv = identity(n);
    for col in 0..n {
        let pivot = (col..n).max_by(|&a, &b| m[a][col].abs().total_cmp(&m[b][col].abs()))?;
        if m[pivot][col].abs() < 1e-300 {
            return None;
        }
        m.swap(col, pivot);
        inv.swap(col, pivot);
        let d = m[col][col];
        for j in 0..n {
            m[col][j] /= d;
            inv[col][j] /= d;
        }
        for row in 0..n {
            if row != col {
                let factor = m[row][col];
                for j in 0..n {
                    m[row][j] -= factor * m[col][j];
                    inv[row][j] -= factor * inv[col][j];
                }
            }
        }
    }
    Some(inv)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_minimum_of_rosenbrock() {
        let rosenbrock = |x: &[f64], g: &mut [f64]| {
            let (a, b) = (x[0], x[1]);
            g[0] = -2.0 * (1.0 - a) - 400.0 * a * (b - a * a);
            g[1] = 200.0 * (b - a * a);
            (1.0 - a).powi(2) + 100.0 * (b - a * a).powi(2)
        };
        let m = minimize(rosenbrock, &[-1.2, 1.0], 1e-10);
        assert!(m.converged);
        assert!((m.x[0] - 1.0).abs() < 1e-8 && (m.x[1] - 1.0).abs() < 1e-8, "{:?}", m.x);
    }

    #[test]
    fn numeric_gradient_of_a_quadratic() {
        let f = |x: &[f64]| 3.0 * x[0] * x[0] + x[0] * x[1];
        let mut g = [0.0; 2];
        numeric_gradient(&f, &[2.0, 5.0], &mut g);
        assert!((g[0] - 17.0).abs() < 1e-6 && (g[1] - 2.0).abs() < 1e-6);
    }
}
