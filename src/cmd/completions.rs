//! `baocao completions` and `baocao man`: shell completions and man pages generated from the
//! same clap definitions as `--help`.

use std::io::Write;

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs, ManArgs};
use crate::error::Error;
use crate::{Context, Outcome, Result};

pub fn completions(_ctx: &Context, args: &CompletionsArgs) -> Result<Outcome> {
    let mut cmd = Cli::command();
    clap_complete::generate(args.shell, &mut cmd, "baocao", &mut std::io::stdout());
    Ok(Outcome::Clean)
}

pub fn man(ctx: &Context, args: &ManArgs) -> Result<Outcome> {
    let cmd = Cli::command();
    let render = |c: clap::Command| -> Result<Vec<u8>> {
        let mut buf = Vec::new();
        clap_mangen::Man::new(c)
            .render(&mut buf)
            .map_err(|e| Error::Message(ctx.lang.io_write("man", &e.to_string())))?;
        Ok(buf)
    };
    match &args.out {
        None => {
            let page = render(cmd)?;
            std::io::stdout()
                .write_all(&page)
                .map_err(|e| Error::Message(ctx.lang.io_write("stdout", &e.to_string())))?;
        }
        Some(dir) => {
            super::create_out_dir(dir, ctx.lang)?;
            let main = render(cmd.clone())?;
            let path = dir.join("baocao.1");
            crate::util::write_atomic(&path, &main, true, ctx.lang)?;
            println!("{}", ctx.lang.wrote_file(&path.display().to_string()));
            for sub in cmd.get_subcommands() {
                let name = format!("baocao-{}", sub.get_name());
                let page = render(sub.clone().name(name.clone()))?;
                let path = dir.join(format!("{name}.1"));
                crate::util::write_atomic(&path, &page, true, ctx.lang)?;
                println!("{}", ctx.lang.wrote_file(&path.display().to_string()));
            }
        }
    }
    Ok(Outcome::Clean)
}
