//! Loading the rule pack: the embedded policies, the user's `--policy-dir`s, the rules'
//! metadata and `data.moat.config`.

use super::input::to_regorus;
use super::{
    embedded, metadata, EvalOptions, Evaluator, PolicyError, PolicySource, RuleMeta, RulePack,
};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// `data.moat.config` as shipped: `policies/config.json`.
pub fn default_config() -> Result<Value, PolicyError> {
    let (rel, text) = embedded::EMBEDDED
        .iter()
        .find(|(rel, _)| rel.ends_with("config.json"))
        .ok_or_else(|| PolicyError::Config("the embedded pack has no config.json".into()))?;
    serde_json::from_str(text).map_err(|e| PolicyError::Config(format!("builtin:{rel}: {e}")))
}

impl RulePack {
    /// The embedded pack with its default configuration.
    pub fn builtin() -> Result<Self, PolicyError> {
        Self::load(&[], None)
    }

    /// The embedded pack, the rules in `policy_dirs`, and `config` merged over the defaults.
    pub fn load(policy_dirs: &[PathBuf], config: Option<&Value>) -> Result<Self, PolicyError> {
        let mut sources = Vec::new();
        let mut defaults = default_config()?;
        for (rel, text) in embedded::EMBEDDED {
            if rel.ends_with("config.json") {
                continue;
            }
            sources.push(PolicySource {
                origin: format!("builtin:{rel}"),
                text: text.to_string(),
                name: folder_name(Path::new(rel)),
            });
        }
        for dir in policy_dirs {
            let mut files = Vec::new();
            collect_rego(dir, &mut files)?;
            if files.is_empty() {
                return Err(PolicyError::Io {
                    path: dir.display().to_string(),
                    source: std::io::Error::new(
                        std::io::ErrorKind::NotFound,
                        "no .rego policy files in this folder",
                    ),
                });
            }
            for path in files {
                let text = std::fs::read_to_string(&path).map_err(|source| PolicyError::Io {
                    path: path.display().to_string(),
                    source,
                })?;
                sources.push(PolicySource {
                    origin: path.display().to_string(),
                    text,
                    name: folder_name(&path),
                });
            }
        }
        if let Some(overrides) = config {
            merge(&mut defaults, overrides);
        }
        Self::from_sources(sources, defaults)
    }

    /// Builds a pack from explicit sources (used by tests and `--policy-dir`).
    pub fn from_sources(sources: Vec<PolicySource>, config: Value) -> Result<Self, PolicyError> {
        let mut rules: Vec<RuleMeta> = Vec::new();
        let mut seen: BTreeMap<String, String> = BTreeMap::new();
        // Package → (file, whether it is the embedded pack's, whether it holds a rule).
        let mut packages: BTreeMap<String, (String, bool, bool)> = BTreeMap::new();
        for src in &sources {
            let meta = metadata::parse(&src.text, &src.origin, &src.name).map_err(|e| {
                PolicyError::Metadata {
                    file: src.origin.clone(),
                    line: e.line,
                    message: e.message,
                }
            })?;
            let parsed = metadata::scan(&src.text);
            let builtin = src.origin.starts_with("builtin:");
            if let Some(package) = &parsed.package {
                if let Some((first, first_builtin, first_rule)) = packages.get(package) {
                    // Files may share a library package within one source of rules; a rule's
                    // package, or a package of the embedded pack, is one file's alone.
                    if meta.is_some() || *first_rule || builtin != *first_builtin {
                        return Err(PolicyError::Metadata {
                            file: src.origin.clone(),
                            line: parsed.package_line,
                            message: format!(
                                "package {package} is already declared by {first}; each rule (and each package of the built-in pack) needs a package of its own"
                            ),
                        });
                    }
                }
                packages.insert(
                    package.clone(),
                    (src.origin.clone(), builtin, meta.is_some()),
                );
            }
            let Some(meta) = meta else {
                if let Some(line) = deny_line(&src.text) {
                    return Err(PolicyError::Metadata {
                        file: src.origin.clone(),
                        line,
                        message: "this file defines `deny` but has no `# METADATA` block before its package line: a rule needs one with title, custom.id and custom.severity (see docs/rules/README.md)".into(),
                    });
                }
                continue;
            };
            for id in std::iter::once(&meta.id).chain(&meta.aliases) {
                if let Some(first) = seen.insert(id.clone(), src.origin.clone()) {
                    return Err(PolicyError::DuplicateId {
                        id: id.clone(),
                        first,
                        second: src.origin.clone(),
                    });
                }
            }
            rules.push(meta);
        }
        rules.sort_by(|a, b| a.id.cmp(&b.id));
        crate::addrset::AddressSpace::from_config(&config)
            .map_err(|e| PolicyError::Config(format!("data.moat.config: {e}")))?;
        super::eval::latent_max_severity(&config)?;
        let pack = RulePack {
            sources,
            rules,
            config,
            options: EvalOptions::default(),
        };
        // Parse everything now so a syntax error surfaces before any evaluation.
        pack.engine()?;
        Ok(pack)
    }

    /// Keeps only the rules whose id (or alias) is in `ids`; an unknown id is an error.
    pub fn retain_ids(&mut self, ids: &[String]) -> Result<(), PolicyError> {
        for id in ids {
            if self.rule(id).is_none() {
                return Err(PolicyError::Config(format!(
                    "--only {id}: no such rule (see `moat rules list`)"
                )));
            }
        }
        self.rules.retain(|r| {
            ids.iter().any(|id| {
                r.id.eq_ignore_ascii_case(id)
                    || r.aliases.iter().any(|a| a.eq_ignore_ascii_case(id))
            })
        });
        Ok(())
    }

    pub fn rules(&self) -> &[RuleMeta] {
        &self.rules
    }

    /// Chooses how the rules are run (see [`Evaluator`]).
    pub fn set_evaluator(&mut self, evaluator: Evaluator) {
        self.options.evaluator = evaluator;
    }

    /// Chooses how evaluations run: evaluator, workers, profiling.
    pub fn set_options(&mut self, options: EvalOptions) {
        self.options = options;
    }

    pub fn options(&self) -> EvalOptions {
        self.options
    }

    pub fn sources(&self) -> &[PolicySource] {
        &self.sources
    }

    /// The effective `data.moat.config`.
    pub fn config(&self) -> &Value {
        &self.config
    }

    /// The same pack with `data.moat.config.<key>` set to `value` (e.g. the organization's
    /// accounts, which only a `--org` scan knows).
    pub fn with_config_value(&self, key: &str, value: Value) -> RulePack {
        let mut pack = self.clone();
        if let Value::Object(map) = &mut pack.config {
            map.insert(key.to_string(), value);
        }
        pack
    }

    /// Finds a rule by id or alias.
    pub fn rule(&self, id: &str) -> Option<&RuleMeta> {
        self.rules.iter().find(|r| {
            r.id.eq_ignore_ascii_case(id) || r.aliases.iter().any(|a| a.eq_ignore_ascii_case(id))
        })
    }

    /// A regorus engine holding every policy and the configuration.
    pub fn engine(&self) -> Result<regorus::Engine, PolicyError> {
        self.engine_with(|text| text.to_string())
    }

    /// An engine whose policy texts went through `transform` first (same lengths and lines,
    /// so errors still point at the right place).
    pub(crate) fn engine_with(
        &self,
        transform: impl Fn(&str) -> String,
    ) -> Result<regorus::Engine, PolicyError> {
        let mut engine = regorus::Engine::new();
        // Strict: a built-in error fails its rule, which is reported as not evaluated, never
        // as passed, and the other rules go on. The pack's rules guard against malformed
        // values (reported by MOAT001, see `snapshot::values`), so valid snapshots and
        // malformed ones give the same findings as in lenient mode (checked on the fixtures,
        // a 100k account and one with 50 invalid CIDRs).
        engine.set_strict_builtin_errors(true);
        for src in &self.sources {
            engine
                .add_policy(src.origin.clone(), transform(&src.text))
                .map_err(|e| PolicyError::Rego {
                    file: src.origin.clone(),
                    message: e.to_string(),
                })?;
        }
        engine
            .add_data(self.data()?)
            .map_err(|e| PolicyError::Config(e.to_string()))?;
        Ok(engine)
    }

    /// `data` for the rules: `data.moat.config`.
    pub(crate) fn data(&self) -> Result<regorus::Value, PolicyError> {
        to_regorus(&json!({ "moat": { "config": self.config } }))
            .map_err(|e| PolicyError::Config(e.to_string()))
    }
}

/// The 1-based line where a module defines a `deny` rule at the top level, if it does.
fn deny_line(text: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            l.strip_prefix("deny")
                .is_some_and(|rest| rest.starts_with([' ', '\t', '[', ':', '=']))
        })
        .map(|i| i + 1)
}

fn folder_name(path: &Path) -> String {
    path.parent()
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn collect_rego(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), PolicyError> {
    let entries = std::fs::read_dir(dir).map_err(|source| PolicyError::Io {
        path: dir.display().to_string(),
        source,
    })?;
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if path.is_dir() {
            if name != "fixtures" {
                collect_rego(&path, out)?;
            }
        } else if name.ends_with(".rego") && !name.ends_with("_test.rego") {
            out.push(path);
        }
    }
    Ok(())
}

/// Deep-merges `over` into `base`: objects merge key by key, anything else replaces.
pub fn merge(base: &mut Value, over: &Value) {
    match (base, over) {
        (Value::Object(b), Value::Object(o)) => {
            for (k, v) in o {
                match b.get_mut(k) {
                    Some(existing) => merge(existing, v),
                    None => {
                        b.insert(k.clone(), v.clone());
                    }
                }
            }
        }
        (b, o) => *b = o.clone(),
    }
}
