//! `coach completions` and `coach man`: both written from the one clap definition, so a flag
//! cannot be in the manual or the completions and missing from the program.

use crate::cli::{Cli, CompletionsArgs, ManArgs};
use anyhow::{Context, bail};
use clap::CommandFactory;
use std::io::Write;

use super::PASSED;

pub fn completions(args: CompletionsArgs) -> anyhow::Result<u8> {
    let mut command = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut command, "coach", &mut out);
    std::io::stdout().write_all(&out)?;
    Ok(PASSED)
}

pub fn man(args: ManArgs) -> anyhow::Result<u8> {
    let mut command = Cli::command();
    command.build();
    if let Some(dir) = args.dir {
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("cannot create {}", dir.display()))?;
        clap_mangen::generate_to(command, &dir)
            .with_context(|| format!("cannot write the manual pages into {}", dir.display()))?;
        return Ok(PASSED);
    }
    let page = match args.command {
        None => command,
        Some(name) => match command.find_subcommand(&name) {
            Some(sub) => sub.clone(),
            None => {
                let known: Vec<&str> = command
                    .get_subcommands()
                    .map(|c| c.get_name())
                    .filter(|n| *n != "help")
                    .collect();
                bail!("no command `{name}`; the commands are {}", known.join(", "));
            }
        },
    };
    let mut out = Vec::new();
    clap_mangen::Man::new(page).render(&mut out)?;
    std::io::stdout().write_all(&out)?;
    Ok(PASSED)
}
