//! Wall-clock time as people read it, without a calendar dependency; and a steady clock that
//! whatever counts time (the workshop timer) takes as a value, so tests can step it.

/// Seconds on a steady clock, from any starting point.
pub trait Clock: Send + Sync {
    fn seconds(&self) -> f64;
}

/// The machine's steady clock, counted from when it was made.
pub struct SteadyClock(std::time::Instant);

impl Default for SteadyClock {
    fn default() -> Self {
        Self(std::time::Instant::now())
    }
}

impl Clock for SteadyClock {
    fn seconds(&self) -> f64 {
        self.0.elapsed().as_secs_f64()
    }
}

pub fn now_secs() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// YYYY-MM-DD (UTC) of a Unix time.
pub fn date(secs: u64) -> String {
    civil_date(secs / 86_400)
}

/// YYYY-MM-DD HH:MM UTC of a Unix time.
pub fn date_time(secs: u64) -> String {
    let minutes = secs / 60;
    format!(
        "{} {:02}:{:02} UTC",
        date(secs),
        (minutes / 60) % 24,
        minutes % 60
    )
}

/// Days since 1970-01-01 to a calendar date (Howard Hinnant's algorithm).
fn civil_date(days: u64) -> String {
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(date(0), "1970-01-01");
        assert_eq!(date(20_779 * 86_400), "2026-11-22");
        assert_eq!(date(11_016 * 86_400), "2000-02-29");
        assert_eq!(
            date_time(20_779 * 86_400 + 7 * 3600 + 5 * 60 + 9),
            "2026-11-22 07:05 UTC"
        );
    }
}
