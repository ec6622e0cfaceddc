use clap::Parser;
use std::process::ExitCode;

// Evaluation allocates millions of small values; mimalloc is markedly faster at that than
// the system allocator (see docs/performance.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    moat::memory::keep_freed_memory();
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
