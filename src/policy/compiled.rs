//! The embedded pack compiled to regorus's register VM (RVM): compilation, the workaround for
//! the one divergence from the interpreter we know of, and the evaluation workers.

use super::eval::{deny_to_json, eval_rule_checked, join_all, GroupResult};
use super::{PolicyError, RuleMeta};
use regorus::languages::rego::compiler::Compiler;
use regorus::rvm;
use std::sync::atomic::{AtomicUsize, Ordering as AtomicOrdering};
use std::sync::Arc;

/// Rewrites `:=` inside rule bodies (anything within brackets) to `=`, outside comments and
/// strings, keeping every other byte in place.
///
/// regorus 0.14.1 compiles `x := expr` without the check that `expr` is defined, so the VM
/// goes on evaluating a body that OPA and regorus's interpreter end there: wasted work (a
/// rule skipping the routes without a peering still built each finding) and, when `x` is
/// unused or only negated, a wrong answer. `x = expr` with `x` unbound is the same
/// assignment in Rego and compiles with the check. Heads (`p := v`, `f(x) := v`,
/// `else := v`) sit outside brackets and are left alone.
pub(crate) fn guard_assignments(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        match c {
            b'#' => {
                let end = bytes[i..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(bytes.len(), |n| i + n);
                out.extend_from_slice(&bytes[i..end]);
                i = end;
                continue;
            }
            b'"' | b'`' => {
                let mut j = i + 1;
                while j < bytes.len() && bytes[j] != c {
                    j += if c == b'"' && bytes[j] == b'\\' { 2 } else { 1 };
                }
                let end = (j + 1).min(bytes.len());
                out.extend_from_slice(&bytes[i..end]);
                i = end;
                continue;
            }
            b'{' | b'[' | b'(' => depth += 1,
            b'}' | b']' | b')' => depth = depth.saturating_sub(1),
            b':' if depth > 0 && bytes.get(i + 1) == Some(&b'=') => {
                out.extend_from_slice(b" =");
                i += 2;
                continue;
            }
            _ => {}
        }
        out.push(c);
        i += 1;
    }
    // Only ASCII bytes were replaced, by ASCII bytes.
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

/// The embedded pack compiled: a program per rule (`None`: the rule runs on the interpreter)
/// and the batches the rules run in.
#[derive(Clone)]
pub(crate) struct Compiled {
    pub programs: Vec<Option<Arc<rvm::program::Program>>>,
    /// Rules of one family (`moat.rules.<family>.…`) evaluated in one VM execution, so the
    /// library rules they share (route tables in force, private subnets, web ACLs, …) are
    /// computed once per family instead of once per rule. Empty when the batches did not
    /// compile.
    pub batches: Vec<Batch>,
}

/// Rules evaluated together: the entry point whose value is the array of their `deny` sets,
/// and the rules' indexes, in that order.
#[derive(Clone)]
pub(crate) struct Batch {
    entry: String,
    rules: Vec<usize>,
}

/// The package of the generated batch entry points.
const BATCH_PACKAGE: &str = "moat.evaluation_batches";

/// The module of batch entry points for the embedded pack's rules (`names[i]`: the `deny` of
/// rule `i`, `None` for rules from `--policy-dir`): one per family with two rules or more.
fn batch_module(rules: &[&RuleMeta], names: &[Option<String>]) -> (String, Vec<Batch>) {
    let mut families: std::collections::BTreeMap<&str, Vec<usize>> = Default::default();
    for (i, rule) in rules.iter().enumerate() {
        if names[i].is_some() {
            let family = rule.package.split('.').nth(2).unwrap_or_default();
            families.entry(family).or_default().push(i);
        }
    }
    let mut source = format!("package {BATCH_PACKAGE}\n");
    let mut batches = Vec::new();
    for members in families.into_values().filter(|m| m.len() > 1) {
        let name = format!("batch_{}", batches.len());
        source.push_str(&format!("\n{name} := [\n"));
        for &i in &members {
            source.push_str(&format!("\t{},\n", names[i].as_deref().unwrap_or_default()));
        }
        source.push_str("]\n");
        batches.push(Batch {
            entry: format!("data.{BATCH_PACKAGE}.{name}"),
            rules: members,
        });
    }
    (source, batches)
}

/// Compiles the `deny` of each rule of the embedded pack to RVM bytecode, from an engine
/// holding the sources after [`guard_assignments`]: one program for all of them with the
/// family batches, else one for all of them without, or, should the compiler reject one,
/// one program per rule it accepts.
///
/// Rules from `--policy-dir` always run on the interpreter (`None`): only the embedded pack
/// is tested for agreement between the two, fixture by fixture and with fields removed
/// (`tests/it/evaluators.rs`).
pub(crate) fn compile_rules(
    engine: &mut regorus::Engine,
    rules: &[&RuleMeta],
    profile: bool,
) -> Compiled {
    let compile = |engine: &mut regorus::Engine, names: &[&str]| {
        let first: regorus::Rc<str> = (*names.first()?).into();
        let policy = engine.compile_with_entrypoint(&first).ok()?;
        match Compiler::compile_from_policy(&policy, names) {
            Ok(p) => Some(p),
            Err(e) => {
                if profile {
                    eprintln!("moat: profile: the bytecode compiler refused {names:?}: {e:?}");
                }
                None
            }
        }
    };
    let names: Vec<Option<String>> = rules
        .iter()
        .map(|r| {
            r.source
                .starts_with("builtin:")
                .then(|| format!("data.{}.deny", r.package))
        })
        .collect();
    let all: Vec<&str> = names.iter().flatten().map(String::as_str).collect();
    if all.is_empty() {
        return Compiled {
            programs: vec![None; rules.len()],
            batches: Vec::new(),
        };
    }
    let everyone = |program: &Arc<rvm::program::Program>| -> Vec<_> {
        names
            .iter()
            .map(|n| n.as_ref().map(|_| program.clone()))
            .collect()
    };
    let (module, batches) = batch_module(rules, &names);
    if !batches.is_empty()
        && engine
            .add_policy(format!("builtin:{BATCH_PACKAGE}.rego"), module)
            .is_ok()
    {
        let mut entries = all.clone();
        entries.extend(batches.iter().map(|b| b.entry.as_str()));
        if let Some(program) = compile(engine, &entries) {
            return Compiled {
                programs: everyone(&program),
                batches,
            };
        }
    }
    if let Some(program) = compile(engine, &all) {
        return Compiled {
            programs: everyone(&program),
            batches: Vec::new(),
        };
    }
    let programs = names
        .iter()
        .map(|name| {
            let name = name.as_deref()?;
            let program = compile(engine, &[name]);
            if program.is_none() && profile {
                eprintln!("moat: profile: {name} does not compile to RVM bytecode: interpreted");
            }
            program
        })
        .collect();
    Compiled {
        programs,
        batches: Vec::new(),
    }
}

/// Runs the rules on `workers` threads, each with its own VM, taking the next batch or rule
/// from a shared counter so a slow one does not hold up a whole group (largest batches
/// first). A batch whose execution fails, or gives no value for one of its rules, is run
/// again rule by rule. A rule without a program, or whose program fails at run time, is
/// evaluated by the interpreter (a clone of the primed `engine`), whose answer or error is
/// authoritative. Profiling runs every rule alone, so each is timed alone.
pub(crate) fn run(
    engine: &regorus::Engine,
    compiled: &Compiled,
    rules: &[&RuleMeta],
    input: &regorus::Value,
    data: &regorus::Value,
    workers: usize,
    options: &super::EvalOptions,
) -> Vec<Result<GroupResult, PolicyError>> {
    let (profile, timer) = (options.profile, options.timer());
    let programs = &compiled.programs;
    // Work items: batches (largest first), then every rule in none.
    let mut items: Vec<(Option<&str>, Vec<usize>)> = Vec::new();
    if !profile {
        let mut batches: Vec<&Batch> = compiled.batches.iter().collect();
        batches.sort_by_key(|b| std::cmp::Reverse(b.rules.len()));
        items.extend(
            batches
                .iter()
                .map(|b| (Some(b.entry.as_str()), b.rules.clone())),
        );
    }
    let batched: std::collections::HashSet<usize> =
        items.iter().flat_map(|(_, r)| r.iter().copied()).collect();
    items.extend(
        (0..rules.len())
            .filter(|i| !batched.contains(i))
            .map(|i| (None, vec![i])),
    );
    let next = AtomicUsize::new(0);
    let work = |mut interpreter: regorus::Engine| -> Result<GroupResult, PolicyError> {
        let mut vm: Option<(Arc<rvm::program::Program>, rvm::vm::RegoVM)> = None;
        let mut out = GroupResult::default();
        loop {
            let n = next.fetch_add(1, AtomicOrdering::Relaxed);
            let Some((entry, members)) = items.get(n) else {
                break;
            };
            let started = std::time::Instant::now();
            if let (Some(entry), Some(program)) = (entry, programs[members[0]].as_ref()) {
                let values = execute(&mut vm, program, entry, input, data, timer)
                    .ok()
                    .and_then(|value| batch_values(value, members.len()));
                if let Some(values) = values {
                    for (&i, value) in members.iter().zip(values) {
                        out.values.push((i, deny_to_json(rules[i], value)?));
                    }
                    let ids: Vec<&str> = members.iter().map(|&i| rules[i].id.as_str()).collect();
                    out.timings.push((ids.join(" "), started.elapsed()));
                    continue;
                }
                if profile {
                    eprintln!("moat: profile: batch {entry} failed on the VM: rule by rule");
                }
            }
            for &i in members {
                let rule = rules[i];
                let started = std::time::Instant::now();
                let entry = format!("data.{}.deny", rule.package);
                let compiled = programs[i]
                    .as_ref()
                    .map(|program| execute(&mut vm, program, &entry, input, data, timer));
                let value = match compiled {
                    Some(Ok(value)) => deny_to_json(rule, value)?,
                    other => {
                        if let (Some(Err(why)), true) = (&other, profile) {
                            eprintln!(
                                "moat: profile: {} failed on the VM ({why}): interpreted",
                                rule.id
                            );
                        }
                        out.interpreted.push(rule.id.clone());
                        match eval_rule_checked(&mut interpreter, rule)? {
                            Ok(value) => value,
                            Err(message) => {
                                out.errors.push((i, message));
                                continue;
                            }
                        }
                    }
                };
                out.values.push((i, value));
                out.timings.push((rule.id.clone(), started.elapsed()));
            }
        }
        Ok(out)
    };
    if workers <= 1 {
        return vec![work(engine.clone())];
    }
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                let interpreter = engine.clone();
                let work = &work;
                scope.spawn(move || work(interpreter))
            })
            .collect();
        join_all(handles)
    })
}

/// Runs one entry point of `program` on the worker's VM (made for `program` if it has none
/// or one for another program). A panic inside the VM costs this execution, not the scan:
/// the VM is dropped and the caller falls back.
fn execute(
    vm: &mut Option<(Arc<rvm::program::Program>, rvm::vm::RegoVM)>,
    program: &Arc<rvm::program::Program>,
    entry: &str,
    input: &regorus::Value,
    data: &regorus::Value,
    timer: Option<regorus::utils::limits::ExecutionTimerConfig>,
) -> Result<regorus::Value, String> {
    if !matches!(vm, Some((p, _)) if Arc::ptr_eq(p, program)) {
        *vm = Some((program.clone(), new_vm(program, input, data, timer)?));
    }
    let Some((_, machine)) = vm.as_mut() else {
        return Err("no VM".to_string());
    };
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        machine.execute_entry_point_by_name(entry)
    })) {
        Ok(result) => result.map_err(|e| e.to_string()),
        Err(_) => {
            *vm = None;
            Err("the VM panicked".to_string())
        }
    }
}

/// A batch's value: one defined `deny` per rule, or `None` (then the batch runs rule by
/// rule).
fn batch_values(value: regorus::Value, rules: usize) -> Option<Vec<regorus::Value>> {
    let items = value.as_array().ok()?;
    (items.len() == rules && items.iter().all(|v| *v != regorus::Value::Undefined))
        .then(|| items.to_vec())
}

fn new_vm(
    program: &Arc<rvm::program::Program>,
    input: &regorus::Value,
    data: &regorus::Value,
    timer: Option<regorus::utils::limits::ExecutionTimerConfig>,
) -> Result<rvm::vm::RegoVM, String> {
    let mut vm = rvm::vm::RegoVM::new();
    vm.load_program(program.clone());
    // The VM's default budget (25,000 instructions) suits a request-sized input; a
    // snapshot of a large account takes hundreds of millions.
    vm.set_max_instructions(usize::MAX);
    // Strict, as the interpreter is. But regorus 0.14.1's VM ends a rule body whose built-in
    // fails as if the body were undefined (rules.rs ignores non-fatal errors of a body), where
    // the interpreter reports the rule as not evaluated. The pack's rules guard their
    // built-ins (MOAT001 reports the values they skip), and tests/it/evaluators.rs requires
    // both evaluators to agree on every fixture and on account variants with fields removed;
    // `--evaluator interpreter` is the reference (docs/performance.md).
    vm.set_strict_builtin_errors(true);
    vm.set_execution_timer_config(timer);
    vm.set_data(data.clone()).map_err(|e| e.to_string())?;
    vm.set_input(input.clone());
    Ok(vm)
}

#[cfg(test)]
mod tests {
    use super::guard_assignments;

    #[test]
    fn body_assignments_become_unifications_and_nothing_else_changes() {
        let src = r#"package p

# a comment with x := 1 and "quotes
x := 1 if { y := input.a; z := {"k:=": `raw := {`}; [a, b] := [1, 2] }

f(v) := w if {
	w := [q | q := v[_]]
} else := 0

msg := sprintf("a := %v", [{"b": c | c := 1}])
"#;
        let out = guard_assignments(src);
        assert_eq!(out.len(), src.len());
        assert_eq!(out.lines().count(), src.lines().count());
        let expected = src
            .replace("y := input.a", "y  = input.a")
            .replace("z := {", "z  = {")
            .replace("[a, b] := [1, 2]", "[a, b]  = [1, 2]")
            .replace("w := [q | q := v", "w  = [q | q  = v")
            .replace("c := 1}", "c  = 1}");
        assert_eq!(out, expected);
        // Heads, comments and strings keep `:=`.
        assert!(out.contains("x := 1 if"));
        assert!(out.contains("f(v) := w if"));
        assert!(out.contains("} else := 0"));
        assert!(out.contains("msg := sprintf(\"a := %v\""));
        assert!(out.contains("# a comment with x := 1"));
        assert!(out.contains("`raw := {`"));
        assert!(out.contains("\"k:=\""));
    }

    #[test]
    fn unterminated_strings_and_comments_do_not_panic() {
        for src in [
            "x := \"abc",
            "x := `abc",
            "# only a comment",
            "p if { a := \"\\",
            "",
        ] {
            let out = guard_assignments(src);
            assert_eq!(out.len(), src.len());
        }
    }
}
