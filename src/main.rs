use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = moat::cli::Cli::parse();
    match moat::cli::run(cli) {
        Ok(code) => code,
        Err(err) => {
            // A closed pipe (`moat … | head`) is not an error.
            if err.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::from(moat::cli::EXIT_CLEAN);
            }
            eprintln!("moat: error: {err}");
            for cause in err.chain().skip(1) {
                eprintln!("  caused by: {cause}");
            }
            ExitCode::from(moat::cli::EXIT_ERROR)
        }
    }
}
