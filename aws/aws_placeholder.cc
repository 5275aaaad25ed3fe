// Keeps cdrun_aws non-empty until its sources land.
namespace cdrun {
int cdrun_aws_placeholder() { return 0; }
}  // namespace cdrun
