//! Small helpers shared by several modules.

use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path`, readable by the owner only (mode 0600 on Unix: snapshots and
/// reports describe an account's network).
///
/// A regular file (or a path that does not exist yet) is replaced atomically: the bytes go to
/// a temp file with an unpredictable name created exclusively in the same folder (so a
/// symlink planted at a guessable name is never followed), then renamed over `path`; a
/// symlink to a regular file is written through. Anything else — `/dev/stdout` (whatever
/// stdout is redirected to), a pipe, a terminal — is written to directly, never replaced.
pub fn write_private_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    // A device, pipe or socket (what the path leads to, symlinks followed), or anything under
    // /dev or /proc (`/dev/stdout`, `/proc/self/fd/1`: the file our own descriptor is open on,
    // which a rename would replace behind the shell's back), is written to as it is, in
    // append mode so a `>>` redirection keeps its contents.
    let special = path.starts_with("/dev/")
        || path.starts_with("/proc/")
        || std::fs::metadata(path).is_ok_and(|m| !m.is_file());
    if special {
        let mut f = std::fs::OpenOptions::new().append(true).open(path)?;
        f.write_all(bytes)?;
        return f.flush();
    }
    // A symlink to a regular file is written through: its target is what gets replaced.
    let resolved;
    let path = if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        resolved = std::fs::canonicalize(path)?;
        resolved.as_path()
    } else {
        path
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    // tempfile creates the file with O_EXCL and mode 0600 on Unix.
    let mut tmp = tempfile::Builder::new()
        .prefix(".moat-")
        .suffix(".tmp")
        .tempfile_in(&dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Writes a report to a path (see [`write_private_atomic`]) or to stdout when `path` is `-`.
/// `-`, `/dev/stdout` and their aliases are this process's standard output, written as it
/// is (reopening it may be refused, and renaming over it would lose the output);
/// `/dev/stderr` likewise.
pub fn write_output(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = path.as_os_str();
    if ["-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"]
        .iter()
        .any(|s| name == *s)
    {
        let mut out = std::io::stdout().lock();
        out.write_all(bytes)?;
        return out.flush();
    }
    if ["/dev/stderr", "/dev/fd/2", "/proc/self/fd/2"]
        .iter()
        .any(|s| name == *s)
    {
        let mut err = std::io::stderr().lock();
        err.write_all(bytes)?;
        return err.flush();
    }
    write_private_atomic(path, bytes)
}

/// The 1-based line and column (in characters) of a byte offset into `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text.as_bytes()[..offset.min(text.len())];
    let line = before.iter().filter(|&&c| c == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&c| c == b'\n')
        .map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

/// True for the error a closed pipe gives (`moat … | head -1`).
pub fn is_broken_pipe(err: &std::io::Error) -> bool {
    err.kind() == std::io::ErrorKind::BrokenPipe
}

/// The RFC 3339 UTC time (`2026-11-20T09:30:00Z`) of seconds since the Unix epoch; fractions
/// of a second are dropped. `None` outside the years 1–9999.
pub fn epoch_to_rfc3339(secs: f64) -> Option<String> {
    if !secs.is_finite() || !(-62_135_596_800.0..253_402_300_800.0).contains(&secs) {
        return None;
    }
    let secs = secs.floor() as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Civil date from days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    Some(format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    ))
}

/// Seconds since the Unix epoch of an RFC 3339 time (`2026-11-20T09:30:00Z`,
/// `2026-11-20T09:30:00.123+01:00`); `None` when it is not one.
pub fn rfc3339_seconds(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b'T' | b't' | b' ')
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<i64>().ok();
    let (y, mo, d, h, mi, se) = (
        num(0..4)?,
        num(5..7)?,
        num(8..10)?,
        num(11..13)?,
        num(14..16)?,
        num(17..19)?,
    );
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || se > 60 {
        return None;
    }
    let mut rest = &s[19..];
    if let Some(frac) = rest.strip_prefix('.') {
        let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        rest = &frac[digits..];
    }
    let offset = match rest {
        "Z" | "z" => 0,
        _ if rest.len() == 6
            && (rest.starts_with('+') || rest.starts_with('-'))
            && &rest[3..4] == ":" =>
        {
            let sign = if rest.starts_with('-') { -1 } else { 1 };
            sign * (rest[1..3].parse::<i64>().ok()? * 3600 + rest[4..6].parse::<i64>().ok()? * 60)
        }
        _ => return None,
    };
    // Days from the civil date (Howard Hinnant's algorithm).
    let y = if mo <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (mo + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + h * 3600 + mi * 60 + se - offset)
}

/// Whether `name` has the shape of an AWS region name (`us-east-1`, `us-gov-west-1`).
pub fn is_region_name(name: &str) -> bool {
    let parts: Vec<&str> = name.split('-').collect();
    parts.len() >= 3
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
        && parts[0].len() == 2
        && parts[0].bytes().all(|b| b.is_ascii_lowercase())
        && parts
            .last()
            .is_some_and(|p| p.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::rfc3339_seconds;

    #[test]
    fn parses_rfc3339() {
        assert_eq!(rfc3339_seconds("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(rfc3339_seconds("2026-11-20T09:30:00Z"), Some(1_795_167_000));
        assert_eq!(
            rfc3339_seconds("2026-11-20T10:30:00.250+01:00"),
            Some(1_795_167_000)
        );
        assert_eq!(rfc3339_seconds("2000-02-29T00:00:00Z"), Some(951_782_400));
        assert_eq!(rfc3339_seconds("2026-13-01T00:00:00Z"), None);
        assert_eq!(rfc3339_seconds("yesterday"), None);
    }

    #[test]
    fn epoch_seconds_round_trip() {
        use super::epoch_to_rfc3339;
        for t in [0i64, 951_782_400, 1_795_167_000, -86_400, 253_402_300_799] {
            let text = epoch_to_rfc3339(t as f64).unwrap();
            assert_eq!(rfc3339_seconds(&text), Some(t), "{text}");
        }
        assert_eq!(
            epoch_to_rfc3339(1_795_167_000.75).unwrap(),
            "2026-11-20T09:30:00Z"
        );
        assert_eq!(epoch_to_rfc3339(f64::NAN), None);
        assert_eq!(epoch_to_rfc3339(1e18), None);
    }
}
